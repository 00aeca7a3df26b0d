package io.wschat.dynamodb.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/** Every attribute type round-trips; DynamoDB's number rules; set and empty value rules. */
class TypesAndNumbersIT extends ConformanceTest {

    private static final String INVALID = "One or more parameter values were invalid: ";

    private String table;
    private String numberKeyed;
    private String binaryKeyed;

    @BeforeAll
    void createTables() {
        table = hashTable("types", ScalarAttributeType.S);
        numberKeyed = hashTable("numberKey", ScalarAttributeType.N);
        binaryKeyed = hashTable("binaryKey", ScalarAttributeType.B);
    }

    @Test
    void putItem_everyAttributeType_roundTrips() {
        Map<String, AttributeValue> item = item(
                "pk", s("all"),
                "s", s("text ü ☃ 𝄞"),
                "n", n("123.45"),
                "b", b(0, 1, 2, 0xff),
                "bool", bool(true),
                "boolFalse", bool(false),
                "null", nul(),
                "ss", ss("a", "b", "c"),
                "ns", ns("1", "2.5", "-3"),
                "bs", AttributeValue.fromBs(List.of(SdkBytes.fromByteArray(new byte[] {1}),
                        SdkBytes.fromByteArray(new byte[] {2, 3}))),
                "l", l(s("x"), n("1"), l(bool(false)), m("k", s("v"))),
                "m", m("nested", m("deeper", l(n("7"))), "empty", m()),
                "emptyList", l());

        db.putItem(r -> r.tableName(table).item(item));
        Map<String, AttributeValue> got = get(table, item("pk", s("all")));

        assertThat(got.keySet()).isEqualTo(item.keySet());
        for (String name : item.keySet()) {
            AttributeValue expected = item.get(name);
            AttributeValue actual = got.get(name);
            if (expected.hasSs()) {
                assertThat(actual.ss()).as(name).containsExactlyInAnyOrderElementsOf(expected.ss());
            } else if (expected.hasNs()) {
                assertThat(actual.ns()).as(name).containsExactlyInAnyOrderElementsOf(expected.ns());
            } else if (expected.hasBs()) {
                assertThat(actual.bs()).as(name).containsExactlyInAnyOrderElementsOf(expected.bs());
            } else {
                assertThat(actual).as(name).isEqualTo(expected);
            }
        }
    }

    @Test
    void putItem_numberAndBinaryKeys_roundTrip() {
        db.putItem(r -> r.tableName(numberKeyed).item(item("pk", n("42"), "v", s("n"))));
        db.putItem(r -> r.tableName(binaryKeyed).item(item("pk", b(0, 0xfe), "v", s("b"))));

        assertThat(get(numberKeyed, item("pk", n("42")))).isEqualTo(item("pk", n("42"), "v", s("n")));
        assertThat(get(binaryKeyed, item("pk", b(0, 0xfe)))).isEqualTo(item("pk", b(0, 0xfe), "v", s("b")));
    }

    @Test
    void numberKey_equalNumbersWrittenDifferently_areTheSameItem() {
        db.putItem(r -> r.tableName(numberKeyed).item(item("pk", n("1.50"), "v", s("first"))));
        db.putItem(r -> r.tableName(numberKeyed).item(item("pk", n("015E-1"), "v", s("second"))));

        assertThat(get(numberKeyed, item("pk", n("1.5")))).isEqualTo(item("pk", n("1.5"), "v", s("second")));
    }

    @ParameterizedTest
    @CsvSource({
            "01.500, 1.5",
            "-0, 0",
            "0.0, 0",
            "1E+2, 100",
            "-1.0e-2, -0.01",
            "100, 100",
            "12345678901234567890123456789012345678, 12345678901234567890123456789012345678",
    })
    void number_comesBackNormalised(String written, String returned) {
        String id = "norm" + written;
        db.putItem(r -> r.tableName(table).item(item("pk", s(id), "n", n(written))));

        assertThat(get(table, item("pk", s(id))).get("n").n()).isEqualTo(returned);
    }

    @Test
    void number_extremesOfTheRange_areAcceptedAndComeBackInPlainNotation() {
        // dynalite putItem.js, "should put really long numbers"
        String largest = "9.9999999999999999999999999999999999999E+125";
        String smallest = "1E-130";
        db.putItem(r -> r.tableName(table).item(item("pk", s("extremes"), "big", n(largest), "small", n(smallest),
                "negative", n("-" + largest))));

        Map<String, AttributeValue> got = get(table, item("pk", s("extremes")));

        assertThat(got.get("big").n()).isEqualTo("9".repeat(38) + "0".repeat(88));
        assertThat(got.get("negative").n()).isEqualTo("-" + "9".repeat(38) + "0".repeat(88));
        assertThat(got.get("small").n()).isEqualTo("0." + "0".repeat(129) + "1");
    }

    @Test
    void number_with38SignificantDigits_isAccepted() {
        String digits = "1.2345678901234567890123456789012345678";
        db.putItem(r -> r.tableName(table).item(item("pk", s("38"), "n", n(digits))));

        assertThat(get(table, item("pk", s("38"))).get("n").n()).isEqualTo(digits);
    }

    @Test
    void numberSet_membersComeBackNormalised() {
        db.putItem(r -> r.tableName(table).item(item("pk", s("nsNorm"), "ns", ns("01.50", "2"))));

        assertThat(get(table, item("pk", s("nsNorm"))).get("ns").ns()).containsExactlyInAnyOrder("1.5", "2");
    }

    @Test
    void emptyStringAndBinary_inANonKeyAttribute_areKept() {
        Map<String, AttributeValue> item = item("pk", s("empties"), "s", s(""), "b", b(),
                "nested", m("s", s("")), "list", l(s("")));
        db.putItem(r -> r.tableName(table).item(item));

        assertThat(get(table, item("pk", s("empties")))).isEqualTo(item);
    }

    @Test
    void emptyBinaryKey_isRefused() {
        assertValidation(() -> db.putItem(r -> r.tableName(binaryKeyed).item(item("pk", b()))),
                "One or more parameter values are not valid. The AttributeValue for a key attribute cannot contain "
                        + "an empty binary value. Key: pk");
    }

    /** A non-key attribute value that PutItem refuses, and DynamoDB's reason. */
    private record Refused(String what, AttributeValue value, String message) {

        @Override
        public String toString() {
            return what;
        }
    }

    static Stream<Refused> putItem_attributeThatCannotBeStored_isRefused() {
        SdkBytes bee = SdkBytes.fromByteArray(new byte[] {'b'});
        String tooManyDigits = "Attempting to store more than 38 significant digits in a Number";
        String overflow = "Number overflow. Attempting to store a number with magnitude larger than supported range";
        String underflow = "Number underflow. Attempting to store a number with magnitude smaller than supported range";
        return Stream.of(
                new Refused("number with 39 significant digits", n("123456789012345678901234567890123456789"),
                        tooManyDigits),
                new Refused("negative number with 39 significant digits",
                        n("-1.23456789012345678901234567890123456789"), tooManyDigits),
                new Refused("number too large", n("1E+126"), overflow),
                new Refused("negative number too large", n("-1E+126"), overflow),
                new Refused("number far too large", n("1E+200"), overflow),
                new Refused("number too small", n("1E-131"), underflow),
                new Refused("negative number too small", n("-1E-131"), underflow),
                new Refused("not a number", n("b"), "The parameter cannot be converted to a numeric value: b"),
                new Refused("empty string set", ss(), INVALID + "An string set  may not be empty"),
                new Refused("empty number set", ns(), INVALID + "An number set  may not be empty"),
                new Refused("empty binary set", AttributeValue.fromBs(List.of()),
                        INVALID + "Binary sets should not be empty"),
                new Refused("string set with duplicates", ss("a", "a"),
                        INVALID + "Input collection [a, a] contains duplicates."),
                // dynalite putItem.js: unlike SS and BS, no prefix and no members in the message
                new Refused("number set with duplicates", ns("1", "1"), "Input collection contains duplicates"),
                // dynalite putItem.js, the missing space before "of type" included
                new Refused("binary set with duplicates", AttributeValue.fromBs(List.of(bee, bee)),
                        INVALID + "Input collection [Yg==, Yg==]of type BS contains duplicates."),
                new Refused("NULL with false", AttributeValue.fromNul(false),
                        INVALID + "Null attribute value types must have the value of true"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void putItem_attributeThatCannotBeStored_isRefused(Refused refused) {
        assertValidation(() -> db.putItem(r -> r.tableName(table).item(item("pk", s("refused"), "x", refused.value()))),
                refused.message());
    }

    private Map<String, AttributeValue> get(String name, Map<String, AttributeValue> key) {
        return db.getItem(r -> r.tableName(name).key(key).consistentRead(true)).item();
    }
}
