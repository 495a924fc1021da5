package org.supplysync.it;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.supplysync.client.simulate.SiteRecords;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.supplysync.it.Api.admin;
import static org.supplysync.it.Api.anonymous;
import static org.supplysync.it.Api.createStore;
import static org.supplysync.it.Api.unique;
import static org.supplysync.it.PatientData.dispensaryOn;
import static org.supplysync.it.PatientData.patient;
import static org.supplysync.it.PatientData.visibility;

/**
 * The central dashboard (issue 12) in a real headless Chromium: signing in, the sync report turning a silent site
 * amber and red, a resync job started from its form and followed to completion, and the reports across stores showing
 * what sites pushed. Every page is checked for labels, contrast and a laptop-sized screen, and the login and a job
 * form are used with the keyboard only.
 */
class DashboardIT extends DeployedApplication {

    private static Browser browser;

    @BeforeAll
    static void startBrowser() {
        browser = new Browser();
    }

    @AfterAll
    static void closeBrowser() {
        if (browser != null) {
            browser.close();
        }
    }

    @Test
    void servesItsFilesWithoutCredentialsAndNothingOutsideItsFolder() {
        anonymous().redirects().follow(false).get("/dashboard").then().statusCode(303)
                .header("Location", endsWith("/dashboard/"));
        anonymous().get("/dashboard/").then().statusCode(200).contentType(containsString("text/html"))
                .body(containsString("Sync report"));
        anonymous().get("/dashboard/echarts/dist/echarts.min.js").then().statusCode(200)
                .contentType(containsString("text/javascript"));
        anonymous().get("/dashboard/WEB-INF/beans.xml").then().statusCode(404);
        anonymous().urlEncodingEnabled(false).get("/dashboard/..%2FWEB-INF%2Fbeans.xml").then().statusCode(404);
        anonymous().get("/api/dashboard/sites").then().statusCode(401);
    }

    @Test
    void signsInWithTheKeyboardOnlyAndRefusesAWrongPassword() {
        browser.open("/dashboard/login.html");
        browser.script("sessionStorage.clear()");
        browser.open("/dashboard/");
        browser.until(d -> d.getCurrentUrl().contains("/dashboard/login.html"));
        browser.assertAccessible();

        browser.tabTo(browser.find("#user"));
        browser.press("admin");
        browser.tabTo(browser.find("#password"));
        browser.press("not-the-password");
        browser.tabTo(browser.find("button[type=submit]"));
        browser.press(Keys.ENTER);
        WebElement error = browser.find("#error");
        browser.until(d -> error.isDisplayed());
        assertThat(error.getText()).isEqualTo("Wrong user name or password.");
        assertThat(browser.driver.getCurrentUrl()).contains("/dashboard/login.html");
        assertThat(browser.script("return sessionStorage.length")).as("nothing kept").isEqualTo(0L);
        browser.assertAccessible();
        browser.screenshot("dashboard-login");

        assertThat(browser.focused()).as("the password, to type again").isEqualTo(browser.find("#password"));
        browser.press(Api.ADMIN_PASSWORD, Keys.ENTER);
        browser.until(d -> d.getCurrentUrl().endsWith("/dashboard/index.html"));
        assertThat(browser.find("h1").getText()).isEqualTo("Sync report");
    }

    @Test
    void aSiteTurnsAmberThenRedAsItsLastContactAgesPastTheThresholds() throws SQLException {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String elsewhere = createStore(RemoteSite.register("desktop").id);
        String refused = unique("LOC");
        site.push(row("Location", SiteRecords.location(unique("LOC"), store, "A1", "shelf A1", 1)),
                row("Location", SiteRecords.location(refused, elsewhere, "B1", "not this site's store", 1)));

        browser.signIn();
        browser.find("#filter").sendKeys(site.name);
        browser.until(d -> badge(site).getText().startsWith("green — last contact "));
        browser.assertAccessible();

        lastContact(site, 2);
        browser.until(d -> badge(site).getText().equals("amber — no contact for 2 days"));
        lastContact(site, 31);
        browser.until(d -> badge(site).getText().equals("red — no contact for 31 days"));

        Select health = new Select(browser.find("#health"));
        health.selectByValue("red");
        browser.until(d -> rowOf(site).isDisplayed());
        health.selectByValue("green");
        browser.until(d -> browser.all("tr[data-site='" + site.id + "']").isEmpty());
        assertThat(browser.find("#sites tbody").getText()).isEqualTo("No site matches.");
        health.selectByValue("");
        WebElement lastContact = browser.find("#sites thead button[data-key=lastContact]");
        lastContact.click();
        assertThat(lastContact.findElement(By.xpath("..")).getDomAttribute("aria-sort")).isEqualTo("ascending");
        lastContact.click();
        assertThat(lastContact.findElement(By.xpath("..")).getDomAttribute("aria-sort")).isEqualTo("descending");
        browser.open("/dashboard/");
        browser.until(d -> browser.all("#sites tbody tr").size() > 1);
        browser.screenshot("dashboard-sync-report");

        browser.find("#filter").sendKeys(site.name);
        browser.click("tr[data-site='" + site.id + "'] a");
        browser.until(d -> browser.find("#site-name").getText().equals("Site " + site.name + " (" + site.id + ")"));
        List<String> sync = cells(browser.find("#sync-rows tr"));
        assertThat(sync.subList(1, 5)).as("pushed, pulled, acknowledged, refused").containsExactly("2", "0", "0", "1");
        WebElement refusals = browser.find("#refusals-link");
        assertThat(refusals.getText()).isEqualTo("Refused records (1)");
        refusals.click();
        assertThat(browser.driver.getCurrentUrl()).endsWith("#refusals");
        assertThat(cells(browser.find("#refusal-rows tr"))).contains("Location", refused);
        assertThat(browser.find("#quarantine-link").getText()).isEqualTo("Quarantined records (0)");
        browser.assertAccessible();
        browser.open("/dashboard/site.html?id=" + site.id);
        browser.find("#sync-rows tr");
        browser.screenshot("dashboard-site");
    }

    @Test
    void startsAJobFromItsFormWithTheKeyboardAndFollowsItToCompletion() {
        RemoteSite site = RemoteSite.register("desktop");
        String dispensary = dispensaryOn(site.id);
        String patient = unique("PAT");
        PatientData.push(site, new HashMap<>(), patient(patient, dispensary), visibility(patient, dispensary));

        browser.signIn();
        browser.open("/dashboard/jobs.html");
        browser.find("#jobs tbody tr");
        browser.assertAccessible();
        WebElement store = browser.find("form[data-job=resend-patients] input[name=storeId]");
        browser.tabTo(store);
        browser.press(dispensary);
        browser.tabTo(browser.find("form[data-job=resend-patients] button"));
        browser.press(Keys.ENTER);

        String started = browser.until(d -> {
            String text = browser.find("#started").getText();
            return text.startsWith("Started resend-patients: execution ") ? text : null;
        });
        String execution = started.replaceAll("\\D", "");
        browser.until(d -> "COMPLETED".equals(browser.find("tr[data-execution='" + execution + "'] .status").getText()));
        WebElement row = browser.find("tr[data-execution='" + execution + "']");
        WebElement progress = browser.find("#progress-" + execution);
        assertThat(progress.getDomProperty("value")).as("the bar full").isEqualTo(progress.getDomProperty("max"));
        long total = admin().get("/api/jobs/" + execution).then().extract().jsonPath().getLong("total");
        assertThat(total).isPositive();
        assertThat(row.findElement(By.cssSelector("label[for='progress-" + execution + "']")).getText())
                .isEqualTo(total + " of " + total + " records");
        assertThat(row.getText()).contains("storeId " + dispensary);
        browser.assertAccessible();
        browser.screenshot("dashboard-jobs");
    }

    @Test
    void eachReportShowsTheFiguresTheSitesPushed() throws IOException {
        RemoteSite site = RemoteSite.register("desktop");
        String store = createStore(site.id);
        String item = unique("ITEM");
        String other = unique("ITEM");
        PatientData.central(new HashMap<>(), row("item", itemRecord(item)), row("item", itemRecord(other)));
        String shelf = unique("LOC");
        YearMonth month = YearMonth.now(ZoneOffset.UTC);
        YearMonth before = month.minusMonths(1);
        String customer = unique("CUSTOMER");
        String sale = unique("INV");
        String giftBack = unique("INV");
        String earlier = unique("INV");
        String draft = unique("INV");
        PatientData.push(site, new HashMap<>(), row("Location", SiteRecords.location(shelf, store, "A1", "shelf A1", 1)),
                // stock on hand: 7 packs of 10 on the shelf, 5 of 1 nowhere in particular, and another item
                row("item_line", stockLine(store, item, shelf, 10, 7, 2.5)),
                row("item_line", stockLine(store, item, "", 1, 5, 0.75)),
                row("item_line", stockLine(store, other, shelf, 2, 3, 1)),
                // usage: 4 packs of 10 issued this month and one pack of 10 returned, 3 of 1 the month before; a draft
                // invoice counts for nothing
                row("transact", invoice(sale, store, customer, "ci", "fn", month)),
                row("trans_line", line(sale, "stock_out", item, 4, 10)),
                row("transact", invoice(giftBack, store, customer, "cc", "fn", month)),
                row("trans_line", line(giftBack, "stock_in", item, 1, 10)),
                row("transact", invoice(earlier, store, customer, "ci", "fn", before)),
                row("trans_line", line(earlier, "stock_out", item, 3, 1)),
                row("transact", invoice(draft, store, customer, "ci", "nw", month)),
                row("trans_line", line(draft, "stock_out", item, 100, 1)));
        String storeName = "Store " + store;

        browser.signIn();
        browser.open("/dashboard/reports.html");
        WebElement stock = section("stock-on-hand");
        stock.findElement(By.name("item")).sendKeys(item, Keys.ENTER);
        shownFor(stock, item);
        assertThat(rows(stock)).containsExactlyInAnyOrder(
                List.of(storeName, shelf, "Item " + item + " (" + item + ")", "70"),
                List.of(storeName, "no location", "Item " + item + " (" + item + ")", "5"));
        assertCovers(stock, store);

        WebElement value = section("stock-value");
        browser.until(d -> rows(value).contains(List.of(storeName, "24.25")));
        assertThat(value.findElement(By.cssSelector(".total")).getText()).startsWith("Total value across the system: ");
        assertCovers(value, store);
        assertThat(value.findElement(By.cssSelector(".chart")).getDomAttribute("aria-label"))
                .contains("Value of stock on hand per store");
        value.findElement(By.cssSelector("a.csv")).click();
        Path csv = browser.downloads.resolve("stock-value.csv");
        browser.until(d -> Files.exists(csv));
        assertThat(Files.readString(csv)).contains(store).contains("24.25");

        WebElement usage = section("monthly-usage");
        usage.findElement(By.name("item")).sendKeys(item, Keys.ENTER);
        shownFor(usage, item);
        assertThat(rows(usage)).containsExactlyInAnyOrder(List.of(storeName, before.toString(), "3"),
                List.of(storeName, month.toString(), "30"));
        assertCovers(usage, store);
        browser.assertAccessible();
        browser.screenshot("dashboard-reports");
    }

    // --- the sync report ---------------------------------------------------------------------------------------

    private static WebElement rowOf(RemoteSite site) {
        return browser.find("tr[data-site='" + site.id + "']");
    }

    private static WebElement badge(RemoteSite site) {
        return browser.find("tr[data-site='" + site.id + "'] .badge");
    }

    /** As if the site had last called that many days ago. */
    private static void lastContact(RemoteSite site, int daysAgo) throws SQLException {
        try (Connection db = Database.application().getConnection();
             PreparedStatement update = db.prepareStatement(
                     "update site_activity set last_contact = utc_timestamp(3) - interval ? day where site_id = ?")) {
            update.setInt(1, daysAgo);
            update.setInt(2, site.id);
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
    }

    // --- the reports ---------------------------------------------------------------------------------------------

    private static WebElement section(String report) {
        return browser.find("section[data-report='" + report + "']");
    }

    /** Once the CSV link names the item, the report of the item is what the table shows. */
    private static void shownFor(WebElement section, String item) {
        browser.until(d -> section.findElement(By.cssSelector("a.csv")).getDomAttribute("href").contains("item=" + item));
    }

    private static List<List<String>> rows(WebElement section) {
        return section.findElements(By.cssSelector("tbody tr")).stream().map(DashboardIT::cells)
                .filter(cells -> cells.size() > 1).toList();
    }

    private static List<String> cells(WebElement row) {
        return row.findElements(By.cssSelector("td, th")).stream().map(WebElement::getText).toList();
    }

    private static void assertCovers(WebElement section, String store) {
        WebElement coverage = section.findElement(By.cssSelector(".coverage details"));
        WebElement summary = coverage.findElement(By.tagName("summary"));
        summary.click();
        assertThat(coverage.findElements(By.tagName("li")).stream().map(WebElement::getText))
                .as("the stores it covers, as of their last sync")
                .anyMatch(text -> text.startsWith("Store " + store + " (" + store + "): last sync "));
        summary.click();
    }

    private static ObjectNode itemRecord(String id) {
        return RemoteSite.JSON.createObjectNode().put("ID", id).put("code", id).put("item_name", "Item " + id);
    }

    private static ObjectNode stockLine(String store, String item, String location, int packSize, int packs,
                                        double costPrice) {
        return SiteRecords.itemLine(unique("IL"), store, item, "B1", "2029-01-31", location, packSize, packs, costPrice,
                costPrice * 2, "", "");
    }

    private static ObjectNode invoice(String id, String store, String customer, String type, String status,
                                      YearMonth month) {
        return SiteRecords.transact(id, store, customer, 1, type, "", month + "-01", 3600)
                .put("status", status).put("finalised_date", "fn".equals(status) ? month + "-02" : "0000-00-00");
    }

    private static ObjectNode line(String invoice, String type, String item, int packs, int packSize) {
        return SiteRecords.transLine(unique("TL"), invoice, item, "B1", type, packs).put("pack_size", packSize);
    }

    private static ObjectNode row(String table, ObjectNode data) {
        ObjectNode record = RemoteSite.JSON.createObjectNode().put("tableName", table)
                .put("recordId", data.path("ID").asText()).put("action", "Update");
        record.set("recordData", data);
        return record;
    }
}
