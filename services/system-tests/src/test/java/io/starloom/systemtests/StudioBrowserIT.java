package io.starloom.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The web studio as a person uses it, in a real headless Chromium (Debian's chromium and chromedriver): sign in
 * through the devstack's development sign-in (authorization code + PKCE), write and submit a story, watch it live to
 * COMPLETED, play the film with its subtitle track, cancel another story, and find another tenant's story not
 * found. Screenshots of every page land in target/studio-screenshots; the timings of docs/benchmarks.md in
 * target/studio-metrics.json.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class StudioBrowserIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String TENANT = "studio-it";
    private static final String STORY = "Orion the hunter rises in the winter sky. His belt of three stars points to Sirius, "
            + "the brightest star of the night.";
    private static final String LONG_STORY = "The Weaver Girl crosses the Milky Way. ".repeat(20);

    private Mesh mesh;
    private String studio;
    private WebDriver browser;
    private WebDriverWait wait;
    private Path screenshots;
    private final Map<String, Object> metrics = new LinkedHashMap<>();

    @BeforeAll
    void startStudioAndBrowser() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "needs Debian's chromium and chromium-driver (.ci/run installs them)");
        mesh = Mesh.get();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        mesh.start("studio", "studio", Map.of("STARLOOM_SCHEDULER_URL", mesh.schedulerUrl(),
                "STARLOOM_STUDIO_SESSION_SECRET", Base64.getEncoder().encodeToString(secret)));
        studio = "http://127.0.0.1:" + mesh.port("studio");
        Path profile = Files.createTempDirectory("studio-chromium");
        ChromeOptions options = new ChromeOptions().setBinary(CHROMIUM.toFile()).addArguments("--headless", "--no-sandbox",
                "--disable-gpu", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + profile, "--window-size=1280,900", "--lang=en-US",
                "--autoplay-policy=no-user-gesture-required");
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        wait = new WebDriverWait(browser, Duration.ofSeconds(20));
        screenshots = Files.createDirectories(Path.of("target/studio-screenshots"));
    }

    @AfterAll
    void stop() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (mesh != null) {
            mesh.kill("studio");
        }
        if (!metrics.isEmpty()) {
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(Path.of("target/studio-metrics.json").toFile(), metrics);
        }
    }

    @Test
    @Order(1)
    void signInWithPkceThroughTheDevelopmentSignIn() {
        browser.get(studio + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sign-in")));
        assertThat(browser.getCurrentUrl()).as("the studio sent the browser to the issuer with a PKCE challenge")
                .contains("/authorize").contains("code_challenge_method=S256").contains("code_challenge=")
                .contains("client_id=starloom-studio");
        WebElement user = browser.findElement(By.id("username"));
        user.clear();
        user.sendKeys("alice");
        WebElement tenant = browser.findElement(By.id("tenant"));
        tenant.clear();
        tenant.sendKeys(TENANT);
        browser.findElement(By.name("role-reviewer")).click();
        shoot("01-sign-in");
        browser.findElement(By.id("sign-in")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("write-form")));
        assertThat(browser.findElement(By.cssSelector(".who")).getText()).contains("alice").contains(TENANT);
        assertThat(String.valueOf(js("return document.cookie"))).as("the session cookie is httpOnly: script cannot read it")
                .doesNotContain("q_session");
    }

    @Test
    @Order(2)
    void writeSubmitWatchAndPlay() {
        browser.get(studio + "/");
        WebElement text = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("text")));
        // The write page loaded afresh by a signed-in user (docs/benchmarks.md "Studio").
        wait.until(driver -> "complete".equals(js("return document.readyState")));
        metrics.put("timeToInteractiveMs", js("const n = performance.getEntriesByType('navigation')[0];"
                + " return Math.round(n.domInteractive - n.startTime)"));
        metrics.put("loadEventEndMs", js("const n = performance.getEntriesByType('navigation')[0];"
                + " return Math.round(n.loadEventEnd - n.startTime)"));
        metrics.put("jsBytes", js("return performance.getEntriesByType('resource').filter(r => r.name.endsWith('.js'))"
                + ".reduce((sum, r) => sum + r.encodedBodySize, 0)"));
        metrics.put("cssBytes", js("return performance.getEntriesByType('resource').filter(r => r.name.endsWith('.css'))"
                + ".reduce((sum, r) => sum + r.encodedBodySize, 0)"));
        text.sendKeys(STORY);
        assertThat(browser.findElement(By.id("text-count")).getText()).isEqualTo(STORY.codePointCount(0, STORY.length()) + " / 4000");
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        new Select(browser.findElement(By.id("style"))).selectByValue("planetarium");
        // The choices are the scheduler's (GET /v1/submission-options): this mesh offers no translated subtitles.
        assertThat(new Select(browser.findElement(By.id("subtitles"))).getOptions()).extracting(option -> option.getAttribute("value"))
                .containsExactly("");
        shoot("02-write");
        long editorStart = System.nanoTime();
        browser.findElement(By.id("preview")).click();
        // The scheduler's real preview, planned by the real enrichment: one card per shot.
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("board-form")));
        List<WebElement> cards = browser.findElements(By.cssSelector("#board-form li.card"));
        assertThat(cards).isNotEmpty();
        for (WebElement card : cards) {
            assertThat(card.findElement(By.name("prompt")).getAttribute("value")).isNotBlank();
            assertThat(card.findElement(By.name("narration")).getAttribute("value")).isNotBlank();
            assertThat(card.findElement(By.name("duration")).getAttribute("value")).matches("\\d+(\\.\\d+)?");
            assertThat(new Select(card.findElement(By.name("transition"))).getFirstSelectedOption().getAttribute("value"))
                    .isIn("crossfade", "cut", "fade-black", "dip-white", "slide");
        }
        assertThat(cards).as("enrichment recognised Orion in the story").anySatisfy(card ->
                assertThat(card.findElement(By.name("constellations")).getAttribute("value")).contains("Ori"));
        // The pre-flight estimate of the board as it stands, from the scheduler's POST /v1/storyboards:estimate.
        assertThat(browser.findElement(By.id("estimate")).getText()).contains(cards.size() + " shots");
        shoot("03-storyboard");
        if (cards.size() > 1) {
            String second = cards.get(1).findElement(By.name("prompt")).getAttribute("value");
            browser.findElement(By.cssSelector("button[value='up-1']")).click();
            wait.until(driver -> second.equals(driver.findElement(By.cssSelector("#shot-0 textarea[name='prompt']")).getAttribute("value")));
        }
        List<String> narrations = browser.findElements(By.cssSelector("#board-form textarea[name='narration']")).stream()
                .map(area -> area.getAttribute("value")).toList();
        browser.findElement(By.id("submit-board")).click();
        wait.until(driver -> !driver.findElements(By.id("story")).isEmpty() || !driver.findElements(By.id("board-not-accepted")).isEmpty());
        boolean edited = browser.findElements(By.id("board-not-accepted")).isEmpty();
        if (!edited) {
            // A scheduler that does not take `storyboard` in a submission yet: the studio says so, keeps the board, offers the text.
            assertThat(browser.findElements(By.cssSelector("#board-form li.card"))).hasSize(cards.size());
            shoot("03-storyboard-not-accepted");
            browser.findElement(By.id("submit-text")).click();
        }
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("story")));
        if (edited) {
            wait.until(driver -> driver.findElements(By.cssSelector("#shots .shot-narration")).size() == narrations.size());
            assertThat(browser.findElements(By.cssSelector("#shots .shot-narration")).stream().map(WebElement::getText).toList())
                    .as("the film is made from the edited storyboard").isEqualTo(narrations.stream().map(String::strip).toList());
        }
        metrics.put("editedStoryboardAccepted", edited);
        metrics.put("storyboardEditorMs", Duration.ofNanos(System.nanoTime() - editorStart).toMillis());
        shoot("03-story-live");

        List<Map<String, Object>> shotDelays = new ArrayList<>();
        Map<Object, Object> thumbnailDelays = new LinkedHashMap<>();
        boolean[] thumbnailShot = { false };
        new WebDriverWait(browser, Duration.ofMinutes(3)).pollingEvery(Duration.ofMillis(250)).until(driver -> {
            shotDelays.addAll(shownShots());
            shownThumbnails().forEach(thumbnail -> thumbnailDelays.putIfAbsent(thumbnail.get("index"), thumbnail.get("delayMs")));
            if (!thumbnailShot[0] && !thumbnailDelays.isEmpty() && driver.findElements(By.id("film")).isEmpty()) {
                // A shot's picture while the others still render.
                shoot("03-story-thumbnails");
                thumbnailShot[0] = true;
            }
            return "COMPLETED".equals(driver.findElement(By.id("state")).getAttribute("data-state"))
                    && !driver.findElements(By.id("film")).isEmpty();
        });
        metrics.put("shotShownDelaysMs", shotDelays.stream().map(delay -> delay.get("delayMs")).distinct().toList());
        metrics.put("thumbnailShownDelaysMs", List.copyOf(thumbnailDelays.values()));
        // Every generated shot shows its picture, decoded (not a broken image), on the finished story's page too.
        List<WebElement> shotItems = browser.findElements(By.cssSelector("#shots li"));
        assertThat(shotItems).isNotEmpty();
        wait.until(driver -> ((Number) js("return Array.from(document.querySelectorAll('#shots li .shot-thumb img'))"
                + ".filter(img => img.complete && img.naturalWidth > 0).length")).intValue() == shotItems.size());
        assertThat(((Number) js("return document.querySelector('#shots li .shot-thumb img').naturalWidth")).intValue())
                .as("a small picture, not the clip").isBetween(16, 320);

        Object tracks = js("const v = document.getElementById('film'); return Array.from(v.textTracks).map(t => t.kind)");
        assertThat(((List<?>) tracks).stream().map(String::valueOf).toList()).contains("subtitles", "chapters");
        js("const v = document.getElementById('film'); v.muted = true; v.textTracks[0].mode = 'showing'; v.play();");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(driver -> ((Number) js(
                "return document.getElementById('film').currentTime")).doubleValue() > 0.5);
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(driver -> ((Number) js(
                "const t = document.getElementById('film').textTracks[0]; return t.cues ? t.cues.length : 0")).intValue() > 0);
        shoot("04-film");
        for (String link : List.of("download-film", "download-vtt", "download-srt", "download-manifest")) {
            assertThat(browser.findElement(By.id(link)).getAttribute("href")).startsWith(studio + "/stories/");
        }

        browser.get(studio + "/stories");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("story-list")));
        assertThat(browser.findElements(By.cssSelector("#story-list tbody tr"))).isNotEmpty();
        new Select(browser.findElement(By.id("state-filter"))).selectByValue("COMPLETED");
        browser.findElement(By.id("filter")).click();
        wait.until(ExpectedConditions.urlContains("state=COMPLETED"));
        assertThat(browser.findElements(By.cssSelector("#story-list tbody tr .state")))
                .isNotEmpty().allSatisfy(state -> assertThat(state.getAttribute("class")).contains("state-COMPLETED"));
        shoot("05-stories");
    }

    @Test
    @Order(3)
    void cancelAnotherStory() {
        browser.get(studio + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("text"))).sendKeys(LONG_STORY);
        browser.findElement(By.id("submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("cancel"))).click();
        new WebDriverWait(browser, Duration.ofSeconds(60)).until(driver ->
                "CANCELED".equals(driver.findElement(By.id("state")).getAttribute("data-state")));
        assertThat(browser.findElements(By.id("cancel"))).as("a canceled story offers no cancel").isEmpty();
        assertThat(browser.findElement(By.id("failure")).getText()).contains("canceled");
        shoot("06-canceled");
    }

    @Test
    @Order(4)
    void anotherTenantsStoryIsNotFound() {
        String foreign = new StoryApi(mesh, "another-tenant").submit("牛郎织女在银河两岸相望。", Map.of());
        browser.get(studio + "/stories/" + foreign);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found")));
        browser.get(studio + "/stories/" + foreign + "/media/manifest.json");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("not-found")));
        shoot("07-not-found");
    }

    @Test
    @Order(5)
    void chineseInterfaceAndReviewQueue() {
        browser.get(studio + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("lang-zh"))).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "zh"));
        assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("写一个星空神话");
        shoot("08-write-zh");
        browser.findElement(By.id("nav-reviews")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#review-list, #no-reviews")));
        shoot("09-reviews-zh");
        browser.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.attributeToBe(By.tagName("html"), "lang", "en"));
    }

    @Test
    @Order(6)
    void aReviewerRejectsAndApprovesWithAReasonInTheBrowser() {
        // Stories that moderation holds for a person (as in SafetyReviewIT): nudity in a myth is for a reviewer to judge.
        String rejected = submitForReview("Actaeon stumbles upon Artemis bathing naked in the forest spring.");
        String approved = submitForReview("In the old painting, Aphrodite rises naked from the sea foam while Orion watches the stars.");

        decide(rejected, "reject", "not for this audience");
        assertThat(browser.findElement(By.id("review-state")).getAttribute("class")).contains("state-REJECTED");
        assertThat(browser.findElement(By.id("decision")).getText()).contains("not for this audience");
        shoot("11-review-rejected");
        browser.get(studio + "/stories/" + rejected);
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
            driver.navigate().refresh();
            return "REJECTED".equals(driver.findElement(By.id("state")).getAttribute("data-state"));
        });
        assertThat(browser.findElement(By.id("failure")).getText()).contains("not for this audience");
        shoot("12-story-rejected-by-review");

        decide(approved, "approve", "classical art");
        assertThat(browser.findElement(By.id("review-state")).getAttribute("class")).contains("state-APPROVED");
        browser.get(studio + "/stories/" + approved);
        new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver -> {
            driver.navigate().refresh();
            return !"IN_REVIEW".equals(driver.findElement(By.id("state")).getAttribute("data-state"));
        });
        shoot("13-story-approved");
        // Its film is not needed here: stop it rather than spend the shared machine on it.
        if (!browser.findElements(By.id("cancel")).isEmpty()) {
            browser.findElement(By.id("cancel")).click();
        }
    }

    /** Writes a story in the studio and waits until its page shows it held for review; returns its id. */
    private String submitForReview(String text) {
        browser.get(studio + "/");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("text"))).sendKeys(text);
        new Select(browser.findElement(By.id("language"))).selectByValue("en");
        browser.findElement(By.id("submit")).click();
        WebElement story = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("story")));
        String id = story.getAttribute("data-story");
        // The live page reloads itself once the story stops at review: an element found just before is then stale.
        new WebDriverWait(browser, Duration.ofMinutes(3)).pollingEvery(Duration.ofMillis(500))
                .ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(driver ->
                        "IN_REVIEW".equals(driver.findElement(By.id("state")).getAttribute("data-state")));
        return id;
    }

    /** Finds the story's case in the review queue, checks its evidence, and decides it with a reason. */
    private void decide(String storyId, String decision, String reason) {
        browser.get(studio + "/reviews");
        WebElement link = new WebDriverWait(browser, Duration.ofSeconds(60)).pollingEvery(Duration.ofMillis(500)).until(driver -> {
            List<WebElement> cases = driver.findElements(By.cssSelector("a[data-story='" + storyId + "']"));
            if (cases.isEmpty()) {
                driver.navigate().refresh();
                return null;
            }
            return cases.get(0);
        });
        shoot("10-review-queue");
        link.click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision-form")));
        assertThat(browser.findElement(By.id("findings")).getText()).as("the evidence: the flagged text span").containsIgnoringCase("naked");
        shoot("10-review-" + decision);
        browser.findElement(By.id("reason")).sendKeys(reason);
        browser.findElement(By.id(decision)).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("decision")));
    }

    /** Thumbnails the live page has shown: the story's updateTime of the change that brought it and when the picture loaded. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shownThumbnails() {
        Object shown = js("return Array.from(document.querySelectorAll('#shots li img[data-thumb-shown-at]')).map(img => ({"
                + " index: img.closest('li').dataset.index,"
                + " delayMs: Date.parse(img.dataset.thumbShownAt) - Date.parse(img.dataset.thumbEventTime) }))");
        return shown instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    /** Shots the page has shown change: the story's updateTime of the change and when the page showed it. */
    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> shownShots() {
        Object shown = js("return Array.from(document.querySelectorAll('#shots li[data-shown-at]')).map(li => ({"
                + " index: li.dataset.index, state: li.dataset.state,"
                + " delayMs: Date.parse(li.dataset.shownAt) - Date.parse(li.dataset.eventTime) }))");
        return shown instanceof List<?> list ? (List<Map<String, Object>>) list : List.of();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    private void shoot(String name) {
        try {
            Files.write(screenshots.resolve(name + ".png"), ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
