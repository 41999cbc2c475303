package io.jiti.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.jiti.testkit.InMemoryProvider;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import io.jiti.spi.StackLock;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console in a real browser (Debian's headless Chromium through its ChromeDriver, nothing downloaded):
 * sign-in, the inventory, an instance with its charts, an environment with its picture, a deployment's log
 * following it live until it ends, roles, and sign-out. Screenshots land in {@code target/console-screens}.
 */
class ConsoleIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path SCREENS = Path.of("target", "console-screens");
    @TempDir
    Path home;
    @TempDir
    Path profile;
    private ServerFixture f;
    private ChromeDriver browser;

    @BeforeEach
    void start() throws Exception {
        boolean present = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!present && System.getenv("CI") != null) {
            throw new AssertionError("CI needs " + CHROMIUM + " and " + CHROMEDRIVER + " (.ci/run installs chromium and"
                    + " chromium-driver)");
        }
        Assumptions.assumeTrue(present, "no chromium/chromedriver here: apt-get install chromium chromium-driver");
        Files.createDirectories(SCREENS);
        f = new ServerFixture(home, InMemoryProvider.instant());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1100", "--user-data-dir=" + profile.toAbsolutePath());
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (f != null) {
            f.close();
        }
    }

    @Test
    void aDeveloperFollowsTheirInstanceInTheConsole() throws Exception {
        Map<String, String> tokens = f.standardSetup();
        String dana = tokens.get("dana");
        f.ended(ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances", dana, Map.of("environment", "test")))
                .json().get("id").asLong());
        f.ended(ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances/test", dana, Map.of("inputs",
                Map.of("instances", 2)))).json().get("id").asLong());
        ServerFixture.ok(f.call("POST", "/api/v1/templates", f.admin, Map.of("bundle", ServerFixture.template("web-api-1.1.yaml"))));
        ServerFixture.ok(f.call("POST", "/api/v1/policies", f.admin, Map.of("name", "markup", "cel", "true",
                "message", "<script>alert('x')</script>", "effect", "warn")));
        f.metered.report(42.5, 18.0, 0.01, 2);
        f.server.platform().sampleMetrics();
        await().atMost(Duration.ofSeconds(5)).until(() -> f.server.platform().sampleMetrics() > 0);
        String base = f.server.url();

        browser.get(base + "/console/services/orders/instances/test");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/console/login?next=");
        browser.findElement(By.id("token")).sendKeys("jiti_not-a-token");
        follow(By.id("signin"));
        assertThat(browser.findElement(By.id("problem")).getText()).contains("unknown, expired or revoked");
        browser.findElement(By.id("token")).sendKeys(dana);
        follow(By.id("signin"));

        // back where it was going: the instance, with its charts and deployments
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/services/orders/instances/test");
        assertThat(browser.findElement(By.id("whoami")).getText()).isEqualTo("dana (developer)");
        List<WebElement> charts = browser.findElements(By.cssSelector("svg.chart"));
        assertThat(charts).hasSize(4);
        assertThat(charts.get(0).getAttribute("data-samples")).isEqualTo("2");
        assertThat(charts.get(0).getAttribute("data-max")).isEqualTo("42.50");
        assertThat(charts.get(3).getAttribute("data-max")).isEqualTo("2");
        assertThat(browser.findElements(By.cssSelector("svg.chart line.deployment"))).hasSize(8);
        assertThat(browser.findElement(By.cssSelector("table.deployments")).getText()).contains("web-api@1.0")
                .contains("succeeded");
        screenshot("instance");

        Cookie session = browser.manage().getCookieNamed("jiti_session");
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");

        follow(By.linkText("Inventory"));
        assertThat(browser.findElement(By.id("inventory")).getText()).contains("environment/test")
                .contains("environment/prod").contains("instance/orders/test");
        assertThat(browser.findElement(By.cssSelector("tr[data-target='instance/orders/test']")).getText())
                .contains("outdated").contains("1.1");
        screenshot("inventory");

        // an approval-free deploy from the console: the instance to 1.1, its log followed live to the end
        follow(By.linkText("instance/orders/test"));
        new Select(browser.findElement(By.id("version"))).selectByValue("1.1");
        StackLock held = f.provider.lock("test--orders", who -> { }); // the deployment waits until the page is open
        follow(By.id("deploy"));
        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).matches(".*/console/deployments/\\d+");
        assertThat(browser.findElement(By.id("log")).getAttribute("data-events")).as("opened while it runs").isNotNull();
        held.close();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> browser.findElement(By.id("status")).getText().equals("succeeded"));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(By.id("log")).getAttribute("data-events") == null);
        assertThat(browser.findElement(By.cssSelector(".summary")).getText()).contains("web-api@1.1");
        screenshot("deploy");
        browser.get(base + "/console?outdated=true");
        assertThat(browser.findElement(By.id("empty")).getText()).contains("Nothing here");
        browser.get(base + "/console/templates/web-api/1.1");
        assertThat(browser.findElement(By.id("parameters")).getText()).contains("instances");

        browser.get(base + "/console");
        follow(By.linkText("environment/test"));
        WebElement picture = browser.findElement(By.cssSelector("#picture svg"));
        assertThat(picture.getText()).contains("environment test").contains("orders").contains("shared-env@1.0");
        screenshot("environment");

        // a rollback from the console: its deployment's log follows it live, then the page shows the end
        browser.get(base + "/console/services/orders/instances/test");
        held = f.provider.lock("test--orders", who -> { });
        follow(By.id("rollback"));
        assertThat(browser.getCurrentUrl()).as(browser.getPageSource()).matches(".*/console/deployments/\\d+");
        assertThat(browser.findElement(By.id("log")).getAttribute("data-events")).as("opened while it runs").isNotNull();
        held.close();
        await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> browser.findElement(By.id("status")).getText().equals("succeeded"));
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> browser.findElement(By.id("log")).getAttribute("data-events") == null);
        assertThat(browser.findElement(By.id("log")).getText()).isNotBlank();
        assertThat(browser.findElement(By.id("plan")).getText()).isNotBlank();
        screenshot("deployment");

        // a developer is not an admin: the audit log is refused, with the reason
        browser.get(base + "/console/audit");
        assertThat(browser.findElement(By.id("problem")).getText()).contains("only an admin");
        browser.get(base + "/console/policies");
        assertThat(browser.findElement(By.id("policies")).getText()).contains("<script>alert('x')</script>");
        assertThat(browser.findElements(By.cssSelector("#policies script"))).isEmpty();
        browser.get(base + "/console/templates");
        assertThat(browser.findElement(By.id("templates")).getText()).contains("web-api@1.0").contains("shared-env@1.0");

        follow(By.id("logout"));
        assertThat(browser.getCurrentUrl()).startsWith(base + "/console/login");
        browser.get(base + "/console");
        assertThat(browser.getCurrentUrl()).startsWith(base + "/console/login");
    }

    @Test
    void anApproverDecidesAWaitingReleaseInTheConsole() throws Exception {
        Map<String, String> tokens = f.standardSetup();
        String dana = tokens.get("dana");
        f.ended(ServerFixture.ok(f.call("POST", "/api/v1/services/orders/instances", dana, Map.of("environment", "test")))
                .json().get("id").asLong());
        ServerFixture.ok(f.call("PUT", "/api/v1/services/orders/source", dana, Map.of("url",
                home.resolve("orders.git").toString(), "branches", Map.of("main", "test"), "pollSeconds", 0)));
        ServerFixture.ok(f.call("PUT", "/api/v1/services/orders/pipeline", f.admin, Map.of("stages", List.of(Map.of(
                "name", "test", "environments", List.of("test"), "approval", Map.of("role", "admin", "fourEyes", true))))));
        var waiting = ServerFixture.ok(f.call("POST", "/api/v1/services/orders/releases", dana, Map.of("environment",
                "test", "ref", "a".repeat(40)))).json();
        assertThat(waiting.get("status").asText()).isEqualTo("awaiting-approval");
        String base = f.server.url();

        browser.get(base + "/console/services/orders/delivery");
        browser.findElement(By.id("token")).sendKeys(dana);
        follow(By.id("signin"));
        assertThat(browser.findElement(By.id("pipeline")).getText()).contains("test", "approval by admin, four eyes");
        assertThat(browser.findElement(By.cssSelector("tr[data-release='test-v1']")).getText()).contains("dana");
        follow(By.cssSelector("tr[data-release='test-v1'] button.approve"));
        assertThat(browser.findElement(By.id("problem")).getText()).contains("only an admin may approve");
        browser.get(base + "/console");
        follow(By.id("logout"));

        browser.get(base + "/console/services/orders/delivery");
        browser.findElement(By.id("token")).sendKeys(f.admin);
        follow(By.id("signin"));
        screenshot("delivery-waiting");
        follow(By.cssSelector("tr[data-release='test-v1'] button.approve"));
        assertThat(browser.getCurrentUrl()).isEqualTo(base + "/console/services/orders/delivery");
        assertThat(browser.findElements(By.cssSelector("#approvals tbody tr"))).isEmpty();
        assertThat(browser.findElement(By.cssSelector("table.timeline[data-environment='test']")).getText())
                .contains("v1", "aaaaaaaaaaaa").containsAnyOf("deploying", "failed");
        assertThat(f.call("GET", "/api/v1/services/orders/releases/test/1", f.admin, null).json().get("decidedBy")
                .asText()).isEqualTo("admin");
        assertThat(browser.findElement(By.id("deliveries")).isDisplayed()).isTrue();
        screenshot("delivery-approved");
    }

    /** Clicks what {@code by} finds and waits until the page it leads to has loaded. */
    private void follow(By by) {
        WebElement old = browser.findElement(By.tagName("html"));
        browser.findElement(by).click();
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(30));
        wait.until(d -> { // the old page is gone (Chromium says so in more than one way)
            try {
                old.isEnabled();
                return false;
            } catch (WebDriverException e) {
                return true;
            }
        });
        wait.until(d -> "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    }

    private void screenshot(String name) throws Exception {
        File shot = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), SCREENS.resolve(name + ".png"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
}
