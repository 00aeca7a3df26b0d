package io.wschat.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"lobby", "a", "Room_1", "team-42", "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"})
    void isValidRoom_acceptsLettersDigitsUnderscoreAndDash(String room) {
        assertThat(Names.isValidRoom(room)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "with space", "dots.not.allowed", "slash/room", "émoji", "tab\troom",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_x"})
    void isValidRoom_rejectsEverythingElse(String room) {
        assertThat(Names.isValidRoom(room)).isFalse();
    }

    @Test
    void isValidRoom_rejectsNull() {
        assertThat(Names.isValidRoom(null)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice", "Bob Smith", "j.doe", "x_y-z", "Zoë", "李小龙", "a",
        "abcdefghijklmnopqrstuvwxyz012345", "Алиса", "Σωκράτης", "山田たろう", "田中 Taro", "김민준 Kim"})
    void isValidName_acceptsLettersDigitsSpaceAndPunctuation(String name) {
        assertThat(Names.isValidName(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", " alice", "alice ", "al\u0000ice", "al\nice", "al\u007fice", "<script>",
        "a@b", "abcdefghijklmnopqrstuvwxyz0123456", "alice\u200b"})
    void isValidName_rejectsControlsSymbolsEdgeSpacesAndLongNames(String name) {
        assertThat(Names.isValidName(name)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"\u0410lice", "p\u0430ypal", "\u03bfscar", "admin\u3164", "\u3164", "al\u202eice",
        "al\u200dice", "Алиса Smith"})
    void isValidName_rejectsMixedScriptsAndInvisibleLetters(String name) {
        assertThat(Names.isValidName(name)).isFalse();
    }

    @Test
    void displayName_fallsBack_whenTheClaimMixesScripts() {
        assertThat(Names.displayName("\u0410lice", "sub-1")).matches("user-[0-9a-f]{8}");
        assertThat(Names.displayName("adm\u200bin", "sub-1")).isEqualTo("admin");
    }

    @Test
    void tag_isStableShortAndTellsUsersApart() {
        assertThat(Names.tag("alice")).isEqualTo("frna").isEqualTo(Names.tag("alice"));
        assertThat(Names.tag("bob")).isEqualTo("sg5d");
        Set<String> tags = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            String tag = Names.tag("user-" + i);
            assertThat(tag).matches("[a-km-np-z2-9]{4}");
            tags.add(tag);
        }
        assertThat(tags).as("1,000 users, about a million tags").hasSizeGreaterThan(990);
    }

    @Test
    void isValidName_countsCodePoints_notUtf16Units() {
        String mathLetters = "\uD835\uDC00".repeat(32);

        assertThat(Names.isValidName(mathLetters)).isTrue();
        assertThat(Names.isValidName(mathLetters + "\uD835\uDC00")).isFalse();
    }

    @Test
    void guestName_isAValidNameWithFourRandomCharacters() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100; i++) {
            String name = Names.guestName(random);

            assertThat(name).matches("guest-[a-z0-9]{4}");
            assertThat(Names.isValidName(name)).isTrue();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "Alice|Alice",
        "  Alice   Smith |Alice Smith",
        "alice@example.com|aliceexample.com",
        "Alice (Admin)|Alice Admin",
        "Zoe\u0308|Zo\u00eb",
        "<script>alert(1)</script>|scriptalert1script",
        "abcdefghijklmnopqrstuvwxyz0123456789|abcdefghijklmnopqrstuvwxyz012345",
        "Ren\u00e9\tD.|Ren\u00e9 D."})
    void displayName_keepsWhatFitsTheNameRules(String claimed, String expected) {
        String name = Names.displayName(claimed, "sub-1");

        assertThat(name).isEqualTo(expected);
        assertThat(Names.isValidName(name)).isTrue();
    }

    @Test
    void displayName_fallsBackToAStableNameFromTheUserId_whenNothingUsableIsLeft() {
        String fallback = Names.displayName("@@@ !!!", "sub-1");

        assertThat(fallback).matches("user-[0-9a-f]{8}");
        assertThat(Names.isValidName(fallback)).isTrue();
        assertThat(Names.displayName(null, "sub-1")).isEqualTo(fallback);
        assertThat(Names.displayName("", "sub-2")).isNotEqualTo(fallback);
    }
}
