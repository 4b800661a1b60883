package dev.witbox.sample;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The page in headless Chromium (Debian's chromium and chromedriver, installed by sample-app/browser-setup.sh):
 * upload a photo, see its thumbnail and filtered version appear, read the plugin pool panel.
 */
class GalleryBrowserTest extends GalleryServer {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");

    private WebDriver browser;

    @BeforeEach
    void startBrowser(@TempDir Path profile) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            String banner = "\n" + "!".repeat(100) + "\n!!! GalleryBrowserTest SKIPPED: " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing.\n!!! Run sample-app/browser-setup.sh (apt: chromium chromium-driver) to run it.\n"
                    + "!".repeat(100) + "\n";
            System.err.println(banner);
            Assumptions.abort(banner);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        browser = new ChromeDriver(service, options);
    }

    @AfterEach
    void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void uploadingAPhotoShowsItsThumbnailFilteredVersionCaptionAndThePluginPools() throws Exception {
        browser.get("http://localhost:" + port + "/");
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(90));

        Path photo = Files.createTempFile("harbour-at-dusk", ".jpg");
        Files.write(photo, image("harbour-at-dusk.jpg"));
        browser.findElement(By.id("file")).sendKeys(photo.toString());
        WebElement size = browser.findElement(By.id("size"));
        size.clear();
        size.sendKeys("200");
        new Select(browser.findElement(By.id("chain"))).selectByValue("grayscale");
        browser.findElement(By.id("upload-button")).click();

        WebElement thumbnail = wait.until(d -> loaded(d, "figure.photo img.thumbnail"));
        WebElement filtered = wait.until(d -> loaded(d, "figure.photo img.filtered"));
        assertThat(naturalSize(thumbnail)).isEqualTo("200x150");
        assertThat(naturalSize(filtered)).isEqualTo("200x150");
        assertThat(thumbnail.getAttribute("alt")).isEqualTo("JPEG photo, 320 by 240 pixels");
        assertThat(browser.findElement(By.cssSelector("figure.photo .slug")).getText()).startsWith("harbour-at-dusk");

        // the panel polls /actuator/witbox every 2 s, replacing its rows: read the thumbnailer's cells in one go,
        // once it has counted this upload's calls
        List<String> cells = wait.until(d -> {
            try {
                List<String> texts = d.findElements(By.cssSelector("#plugins tr[data-plugin='thumbnailer'] td")).stream()
                        .map(WebElement::getText).toList();
                return texts.size() == 6 && Long.parseLong(texts.get(3)) > 0 ? texts : null;
            } catch (StaleElementReferenceException e) {
                return null; // replaced while read: the next poll reads the new row
            }
        });
        assertThat(cells.get(1)).matches("\\d+ / \\d+ / 4");
        assertThat(cells.get(2)).matches("\\d+\\.\\d MB / 768\\.0 MB");
        assertThat(cells.get(4)).isEqualTo("0");
        assertThat(browser.findElements(By.cssSelector("#plugins tbody tr"))).hasSize(3);
        String pluginLog = wait.until(d -> {
            try {
                String log = d.findElement(By.id("plugin-log")).getText();
                return log.contains("thumbnail of /uploads/") ? log : null;
            } catch (StaleElementReferenceException e) {
                return null;
            }
        });
        assertThat(pluginLog).contains("thumbnail of /uploads/");
    }

    private static WebElement loaded(WebDriver driver, String css) {
        var found = driver.findElements(By.cssSelector(css));
        if (found.isEmpty()) {
            return null;
        }
        Object complete = ((JavascriptExecutor) driver).executeScript(
                "return arguments[0].complete && arguments[0].naturalWidth > 0;", found.get(0));
        return Boolean.TRUE.equals(complete) ? found.get(0) : null;
    }

    private String naturalSize(WebElement img) {
        return ((JavascriptExecutor) browser).executeScript(
                "return arguments[0].naturalWidth + 'x' + arguments[0].naturalHeight;", img).toString();
    }
}
