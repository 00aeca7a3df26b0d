package io.wschat.e2e.browser;

import static io.wschat.e2e.ChatFrames.nextOfType;
import static io.wschat.e2e.ChatFrames.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.gson.JsonObject;
import io.wschat.e2e.ProjectStacks;
import io.wschat.local.LocalStack;
import io.wschat.local.RecordedInvocations;
import io.wschat.local.TestClient;
import io.wschat.local.TestStacks;
import io.wschat.shared.Names;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.Timeout;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.apigatewaymanagementapi.ApiGatewayManagementApiClient;

/**
 * Two or three headless Chromium sessions chat with each other through the local stack, using the page it serves.
 *
 * <p>Needs Debian's {@code chromium} and {@code chromium-driver} ({@code /usr/bin/chromium}, {@code /usr/bin/chromedriver};
 * other paths through {@code -Dwschat.chromium} and {@code -Dwschat.chromedriver}). With
 * {@code -Dwschat.screenshots=DIR} each test saves what every browser shows at its end. With
 * {@code -Dwschat.pageUrl=http://localhost:3001/} the browsers use a stack that is already running (auth off)
 * instead of starting one.
 */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class BrowserChatIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("wschat.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getProperty("wschat.chromedriver", "/usr/bin/chromedriver"));
    private static final Duration WAIT = Duration.ofSeconds(15);

    private static LocalRuntime runtime;
    private static URI pageUri;

    private final List<Browser> browsers = new ArrayList<>();
    private final String room = "browser-" + UUID.randomUUID().toString().substring(0, 8);

    @BeforeAll
    static void startStack() throws Exception {
        requireExecutable(CHROMIUM, "wschat.chromium", "chromium");
        requireExecutable(CHROMEDRIVER, "wschat.chromedriver", "chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        String running = System.getProperty("wschat.pageUrl", "");
        if (running.isBlank()) {
            runtime = LocalRuntime.start();
            pageUri = runtime.pageUri();
        } else {
            pageUri = URI.create(running);
        }
    }

    @AfterAll
    static void stopStack() {
        if (runtime != null) {
            runtime.close();
        }
    }

    @AfterEach
    void closeBrowsers(TestInfo test) throws IOException {
        String screenshots = System.getProperty("wschat.screenshots");
        try {
            if (screenshots != null && !screenshots.isBlank()) {
                Path dir = Files.createDirectories(Path.of(screenshots));
                String method = test.getTestMethod().map(Method::getName).orElse("test");
                for (Browser browser : browsers) {
                    Files.write(dir.resolve(method + "-" + browser.name + ".png"),
                            browser.driver.getScreenshotAs(OutputType.BYTES));
                }
            }
        } finally {
            browsers.forEach(browser -> browser.driver.quit());
        }
    }

    @Test
    void twoBrowsers_seeEachOtherAndExchangeMessages() {
        // given
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 390, 800);
        bob.awaitMember("alice");

        // when
        alice.say("hello bob");
        bob.waitUntil("alice's message at bob", () -> bob.messages().contains("alice: hello bob"));
        bob.say("hi alice");

        // then
        alice.waitUntil("bob's reply at alice", () -> alice.messages().contains("bob: hi alice"));
        assertThat(alice.messages()).containsExactly("alice: hello bob", "bob: hi alice");
        assertThat(bob.messages()).containsExactly("alice: hello bob", "bob: hi alice");
        assertThat(alice.driver.findElements(By.cssSelector("[data-testid=message][data-own=true] .text")))
                .extracting(WebElement::getText).containsExactly("hello bob");
        assertNoSevereConsoleEntries(alice, bob);
    }

    @Test
    void markupInMessages_isShownAsText_andNeverRuns() {
        // given
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);
        String attack = "<img src=x onerror=\"window.injected=true\"><b>bold</b><script>window.injected=true</script>";

        // when
        alice.say(attack);

        // then
        bob.waitUntil("the message at bob", () -> bob.messages().contains("alice: " + attack));
        assertThat(bob.driver.findElements(By.cssSelector("#messages img, #messages b, #messages script"))).isEmpty();
        assertThat(bob.driver.executeScript("return window.injected === undefined")).isEqualTo(true);
        assertThat(alice.driver.findElements(By.cssSelector("#messages img, #messages b, #messages script"))).isEmpty();
    }

    @Test
    void laterArrival_getsHistoryOldestFirst() {
        // given: bob witnesses each message, so all three are stored and in order before carol arrives
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);
        alice.sayEach(bob, "first", "second", "third");

        // when
        Browser carol = join("carol", 1200, 800);

        // then
        carol.waitUntil("three history messages", () -> carol.messages().size() == 3);
        assertThat(carol.messages()).containsExactly("alice: first", "alice: second", "alice: third");
        assertThat(carol.members()).contains("alice", "bob", "carol");
    }

    @Test
    void whisperRenameAndJoin_updateBothBrowsers() {
        // given
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);

        // when: alice whispers by selecting bob in the member list
        alice.driver.findElement(By.cssSelector("[data-testid=member][data-user-id=bob] .member-name")).click();
        assertThat(alice.driver.findElement(By.id("input")).getAttribute("value")).isEqualTo("/w bob ");
        alice.say("psst");

        // then
        bob.waitUntil("the whisper at bob", () -> bob.whispers().contains("alice: psst"));
        alice.waitUntil("the whisper's copy at alice", () -> alice.whispers().contains("alice: psst"));

        // when: bob renames himself
        bob.say("/name robert");

        // then
        alice.waitUntil("robert in alice's member list",
                () -> alice.members().contains("robert") && !alice.members().contains("bob"));
        bob.waitUntil("bob's own name", () -> bob.text("me").equals("robert"));

        // when: bob moves to another room
        String side = room + "-side";
        bob.say("/join " + side);

        // then
        bob.waitUntil("bob in the new room", () -> bob.text("room-title").equals(side));
        bob.waitUntil("bob alone in the new room", () -> bob.members().equals(List.of("robert")));
        alice.waitUntil("robert gone from alice's room", () -> !alice.members().contains("robert"));
        assertThat(bob.messages()).isEmpty();
    }

    @Test
    void serverErrors_areShownToTheUser() {
        // given
        Browser alice = join("alice", 1200, 800);

        // when
        alice.say("/w nobody-here hello");

        // then
        alice.waitUntil("an UNKNOWN_USER error",
                () -> !alice.driver.findElements(By.cssSelector("#errors [data-code=UNKNOWN_USER]")).isEmpty());
    }

    @Test
    void killedConnection_reconnectsByItself_andResumes_showingEveryMessageOnceInOrder() throws Exception {
        // given: alice has the room's first message when the server closes her connection
        LocalRuntime stack = inProcessStack();
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);
        bob.say("before the cut");
        alice.waitUntil("the first message at alice", () -> alice.messages().contains("bob: before the cut"));
        String cut = stack.connectionId(room, "alice");

        try (TestClient carol = ProjectStacks.join(stack.stack, room, "carol")) {
            // when: the connection is closed from the server side, and carol talks while alice is away
            stack.closeConnection(cut);
            for (int i = 1; i <= 3; i++) {
                sendAndAwaitStored(carol, "while away " + i);
            }

            // then: alice reconnects by herself and asks for what came after seq 1
            String back = stack.reconnectionOf(room, "alice", cut);
            RecordedInvocations.Invocation resume = stack.invocations.await(
                    i -> i.routeKey().equals("resume") && i.connectionId().equals(back));
            assertThat(parse(resume.event().get("body").getAsString()).get("after").getAsLong()).isEqualTo(1);
            alice.waitUntil("alice connected again", () -> "connected".equals(alice.status()));
            bob.say("after the cut");
            alice.waitUntil("the marker at alice", () -> alice.messages().contains("bob: after the cut"));
        }
        assertThat(alice.messages()).containsExactly("bob: before the cut", "carol: while away 1",
                "carol: while away 2", "carol: while away 3", "bob: after the cut");
        assertThat(alice.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
        assertNoSevereConsoleEntries(alice, bob);
    }

    @Test
    void ownMessages_editedAndDeleted_showTheEditAndATombstone_toOthersAndInHistory() {
        // given
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);
        alice.sayEach(bob, "tpyo here", "regret this");
        alice.waitUntil("both own messages numbered and editable", () -> alice.driver.findElements(
                By.cssSelector("[data-own=true][data-seq]:not([data-pending]) [data-action=edit]")).size() == 2);
        assertThat(bob.driver.findElements(By.cssSelector("#messages [data-action]"))).as("no controls on others' messages")
                .isEmpty();

        // when: alice edits the first in place
        WebElement typo = alice.message("tpyo here");
        typo.findElement(By.cssSelector("[data-action=edit]")).click();
        WebElement editor = typo.findElement(By.className("edit-input"));
        editor.clear();
        editor.sendKeys("typo fixed", Keys.ENTER);

        // then
        bob.waitUntil("the edit at bob", () -> bob.editedMessages().equals(List.of("alice: typo fixed")));
        alice.waitUntil("the edit at alice", () -> alice.editedMessages().equals(List.of("alice: typo fixed")));

        // when: alice deletes the second, confirming with a second click
        WebElement regret = alice.message("regret this");
        regret.findElement(By.cssSelector("[data-action=delete]")).click();
        regret.findElement(By.cssSelector("[data-action=confirm-delete]")).click();

        // then
        bob.waitUntil("the tombstone at bob", () -> bob.deletedMessages().equals(List.of("alice: message deleted")));
        alice.waitUntil("the tombstone at alice", () -> alice.deletedMessages().equals(List.of("alice: message deleted")));
        assertThat(bob.messages()).containsExactly("alice: typo fixed", "alice: message deleted");
        assertThat(alice.driver.findElements(By.cssSelector("[data-deleted=true] [data-action]"))).isEmpty();

        // and: history shows both as they are now
        Browser carol = join("carol", 1200, 800);
        carol.waitUntil("both in carol's history", () -> carol.messages().size() == 2);
        assertThat(carol.messages()).containsExactly("alice: typo fixed", "alice: message deleted");
        assertThat(carol.editedMessages()).containsExactly("alice: typo fixed");
        assertThat(carol.deletedMessages()).containsExactly("alice: message deleted");
        assertNoSevereConsoleEntries(alice, bob);
    }

    @Test
    void typing_showsAnIndicatorToOthers_untilTheMessageArrives() {
        // given
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);

        // when
        alice.driver.findElement(By.id("input")).sendKeys("hel");

        // then
        bob.waitUntil("alice typing at bob",
                () -> bob.text("typing").equals("alice #" + Names.tag("alice") + " is typing…"));

        // when
        alice.say("lo");

        // then
        bob.waitUntil("alice's message at bob", () -> bob.messages().contains("alice: hello"));
        assertThat(bob.text("typing")).isEmpty();
        assertThat(alice.text("typing")).as("nobody is told of their own typing").isEmpty();
    }

    @Test
    void userOnTwoDevices_isListedOnce_withTheDeviceCount() {
        // given
        Browser phone = join("alice", 390, 800);
        Browser laptop = join("alice", 1200, 800);
        laptop.waitUntil("alice's phone counted at her laptop", () -> laptop.devicesOf("alice").equals("2"));

        // when
        Browser bob = join("bob", 1200, 800);

        // then
        bob.awaitMember("alice");
        assertThat(bob.members()).containsExactly("alice", "bob");
        assertThat(bob.devicesOf("alice")).isEqualTo("2");
        assertThat(bob.driver.findElement(By.cssSelector("[data-testid=member][data-user-id=alice] .devices"))
                .getText()).isEqualTo("2 devices");
        assertThat(bob.driver.findElements(By.cssSelector("[data-testid=member][data-user-id=bob] .devices"))).isEmpty();
        assertNoSevereConsoleEntries(phone);
    }

    @Test
    void lookAlikeNames_areToldApartByTheirTags_andHiddenCharactersAreRefused() {
        // given: "ace" in Latin letters and "асе" in Cyrillic ones look the same
        String latin = "ace";
        String cyrillic = "\u0430\u0441\u0435";
        Browser real = join(latin, 1200, 800);
        Browser lookAlike = join(cyrillic, 1200, 800);
        real.waitUntil("the look-alike in the member list", () -> real.members().size() == 2);

        // when
        real.say("it is me");
        lookAlike.waitUntil("the real one's message", () -> lookAlike.messages().contains(latin + ": it is me"));
        lookAlike.say("no, it is me");
        real.waitUntil("the look-alike's message", () -> real.messages().contains(cyrillic + ": no, it is me"));

        // then: the same-looking names carry their own users' tags, in messages and in the member list
        assertThat(real.tagsOfMessages()).containsExactly("#" + Names.tag(latin), "#" + Names.tag(cyrillic));
        assertThat(Names.tag(latin)).isNotEqualTo(Names.tag(cyrillic));
        assertThat(real.memberTags()).containsExactlyInAnyOrder("#" + Names.tag(latin), "#" + Names.tag(cyrillic));

        // and a right-to-left override, which would show "invoice\u202Egnp.exe" as "invoiceexe.png", is refused
        lookAlike.say("invoice\u202Egnp.exe");
        lookAlike.waitUntil("an INVALID_TEXT error",
                () -> !lookAlike.driver.findElements(By.cssSelector("#errors [data-code=INVALID_TEXT]")).isEmpty());
        assertNoSevereConsoleEntries(real);
    }

    @Test
    void readMarker_isKeptPerUser_andTheNextVisitShowsWhatCameSince() {
        // given: bob has read alice's first two messages
        Browser alice = join("alice", 1200, 800);
        Browser bob = join("bob", 1200, 800);
        alice.sayEach(bob, "one", "two");
        long two = bob.seqs().get(1);
        bob.waitUntil("bob's read marker at the second message", () -> String.valueOf(two).equals(
                bob.driver.findElement(By.id("messages")).getAttribute("data-last-read")));
        bob.driver.quit();
        browsers.remove(bob);

        // when: two more come while he is away, and he comes back
        alice.say("three");
        alice.say("four");
        alice.waitUntil("alice's four messages", () -> alice.messages().size() == 4);
        Browser back = join("bob", 1200, 800);
        back.waitUntil("the room's messages", () -> back.messages().size() == 4);

        // then: the divider stands right before the first message he has not read
        back.waitUntil("the new-messages divider", () -> !back.driver.findElements(
                By.cssSelector("[data-testid=new-divider]")).isEmpty());
        WebElement next = back.driver.findElement(By.cssSelector("[data-testid=new-divider] + [data-testid=message]"));
        assertThat(next.findElement(By.className("text")).getText()).isEqualTo("three");
        assertNoSevereConsoleEntries(back);
    }

    /**
     * A new browser that joins the room as {@code name}, returned once it is connected and every browser already in
     * the room lists it, so that what it says next reaches them live.
     */
    private Browser join(String name, int width, int height) {
        List<Browser> present = List.copyOf(browsers);
        Browser browser = new Browser(name, width, height);
        browsers.add(browser);
        browser.driver.get(pageUri.toString());
        browser.driver.findElement(By.id("name")).sendKeys(name);
        WebElement roomField = browser.driver.findElement(By.id("room"));
        roomField.clear();
        roomField.sendKeys(room);
        browser.driver.findElement(By.id("connect")).click();
        browser.waitUntil(name + " connected", () -> "connected".equals(
                browser.driver.findElement(By.id("status")).getAttribute("data-state")));
        present.forEach(other -> other.awaitMember(name));
        return browser;
    }

    /** A frame stored by the server before the next one is sent, so that their seqs follow the sending order. */
    private static void sendAndAwaitStored(TestClient client, String text) throws Exception {
        JsonObject frame = new JsonObject();
        frame.addProperty("action", "sendmessage");
        frame.addProperty("data", text);
        frame.addProperty("ref", text);
        client.send(frame.toString());
        assertThat(nextOfType(client, "sent").get("ref").getAsString()).isEqualTo(text);
    }

    private static void assertNoSevereConsoleEntries(Browser... checked) {
        for (Browser browser : checked) {
            assertThat(browser.severeConsoleEntries()).as("severe console entries of %s", browser.name).isEmpty();
        }
    }

    private static LocalRuntime inProcessStack() {
        assumeTrue(runtime != null, "closes connections through the in-process stack; not with -Dwschat.pageUrl");
        return runtime;
    }

    private static void requireExecutable(Path path, String property, String debianPackage) {
        if (!Files.isExecutable(path)) {
            throw new IllegalStateException(path + " not found: install Debian's " + debianPackage
                    + " package (the CI script does), or point -D" + property + " at another binary");
        }
    }

    /** One headless Chromium session, configured so that Selenium Manager never downloads a browser or driver. */
    private static final class Browser {

        private final String name;
        private final ChromeDriver driver;

        Browser(String name, int width, int height) {
            this.name = name;
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--window-size=" + width + "," + height);
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.SEVERE);
            options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
            this.driver = new ChromeDriver(options);
        }

        void say(String text) {
            driver.findElement(By.id("input")).sendKeys(text);
            driver.findElement(By.id("send")).click();
        }

        /** Says each text once {@code witness} shows the one before, so that the room stores them in this order. */
        void sayEach(Browser witness, String... texts) {
            for (String text : texts) {
                say(text);
                witness.waitUntil(text + " at " + witness.name, () -> witness.messages().contains(name + ": " + text));
            }
        }

        String text(String id) {
            return driver.findElement(By.id(id)).getText();
        }

        String status() {
            return driver.findElement(By.id("status")).getAttribute("data-state");
        }

        /** The room message whose text is {@code text}. */
        WebElement message(String text) {
            return driver.findElements(By.cssSelector("[data-testid=message][data-kind=message]")).stream()
                    .filter(m -> m.findElement(By.className("text")).getText().equals(text))
                    .findFirst().orElseThrow(() -> new AssertionError(name + ": no message " + text));
        }

        List<Long> seqs() {
            return driver.findElements(By.cssSelector("[data-testid=message][data-kind=message]")).stream()
                    .map(m -> Long.valueOf(m.getAttribute("data-seq"))).toList();
        }

        List<String> editedMessages() {
            return driver.findElements(By.cssSelector("[data-testid=message][data-kind=message]")).stream()
                    .filter(m -> !m.findElements(By.className("edited")).isEmpty())
                    .map(Browser::entry).toList();
        }

        List<String> deletedMessages() {
            return entries("[data-testid=message][data-kind=message][data-deleted=true]");
        }

        String devicesOf(String userId) {
            return driver.findElement(By.cssSelector("[data-testid=member][data-user-id=" + userId + "]"))
                    .getAttribute("data-devices");
        }

        /** Waits until {@code member} is in this browser's member list. */
        void awaitMember(String member) {
            waitUntil(member + " in " + name + "'s member list", () -> members().contains(member));
        }

        List<String> members() {
            return driver.findElements(By.cssSelector("[data-testid=member] .member-name")).stream()
                    .map(WebElement::getText).toList();
        }

        List<String> tagsOfMessages() {
            return driver.findElements(By.cssSelector("[data-testid=message][data-kind=message] .tag")).stream()
                    .map(WebElement::getText).toList();
        }

        List<String> memberTags() {
            return driver.findElements(By.cssSelector("[data-testid=member] .tag")).stream()
                    .map(WebElement::getText).toList();
        }

        List<String> messages() {
            return entries("[data-testid=message][data-kind=message]");
        }

        List<String> whispers() {
            return entries("[data-testid=message][data-kind=whisper]");
        }

        private List<String> entries(String selector) {
            return driver.findElements(By.cssSelector(selector)).stream().map(Browser::entry).toList();
        }

        private static String entry(WebElement message) {
            return message.findElement(By.className("from")).getText() + ": "
                    + message.findElement(By.className("text")).getText();
        }

        List<String> severeConsoleEntries() {
            return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                    .filter(entry -> entry.getLevel().intValue() >= Level.SEVERE.intValue())
                    .map(LogEntry::getMessage).toList();
        }

        void waitUntil(String what, BooleanSupplier condition) {
            // The page re-renders lists as frames arrive: an element read mid-update is simply read again.
            new WebDriverWait(driver, WAIT).withMessage(() -> name + ": " + what)
                    .ignoring(StaleElementReferenceException.class)
                    .until(ignored -> condition.getAsBoolean());
        }
    }

    /** The local runtime on free ports, serving the page and the WebSocket endpoint from the real template. */
    private static final class LocalRuntime implements AutoCloseable {

        private final LocalStack stack;
        private final RecordedInvocations invocations = new RecordedInvocations();
        private final ApiGatewayManagementApiClient management;

        private LocalRuntime(LocalStack stack) {
            this.stack = stack;
            stack.addInvocationListener(invocations);
            this.management = ApiGatewayManagementApiClient.builder()
                    .endpointOverride(stack.callbackUri())
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
                            LocalStack.CLI_ACCESS_KEY_ID, LocalStack.CLI_SECRET_ACCESS_KEY)))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }

        /** The id of the first connection to {@code room} as {@code name}. */
        String connectionId(String room, String name) throws InterruptedException {
            return invocations.await(i -> isConnect(i, room, name)).connectionId();
        }

        /** The id of a connection to {@code room} as {@code name} made after {@code previous}. */
        String reconnectionOf(String room, String name, String previous) throws InterruptedException {
            return invocations.await(i -> isConnect(i, room, name) && !i.connectionId().equals(previous))
                    .connectionId();
        }

        private static boolean isConnect(RecordedInvocations.Invocation invocation, String room, String name) {
            if (!invocation.routeKey().equals("$connect") || !invocation.event().has("queryStringParameters")) {
                return false;
            }
            JsonObject query = invocation.event().getAsJsonObject("queryStringParameters");
            return query.has("room") && query.get("room").getAsString().equals(room)
                    && query.has("name") && query.get("name").getAsString().equals(name);
        }

        /** What API Gateway does on {@code DELETE @connections/{id}}: the server closes the socket. */
        void closeConnection(String connectionId) {
            management.deleteConnection(delete -> delete.connectionId(connectionId));
        }

        static LocalRuntime start() throws Exception {
            return new LocalRuntime(TestStacks.start(ProjectStacks.options()));
        }

        URI pageUri() {
            return URI.create("http://127.0.0.1:" + stack.port() + "/");
        }

        @Override
        public void close() {
            management.close();
            stack.close();
        }
    }
}
