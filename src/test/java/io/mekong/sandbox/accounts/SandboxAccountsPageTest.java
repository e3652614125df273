package io.mekong.sandbox.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import io.mekong.ops.AppUsers;
import io.mekong.ops.Role;
import io.mekong.testing.ConsoleForms;
import io.mekong.testing.HubIntegrationTest;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * {@code /sandbox} lists the simulators' accounts with values their simulators accept now, proven by calling the
 * simulated vendors' APIs with them over HTTP; it is for those who may create connections, in both languages, and
 * the page where a connection begins links to it.
 */
class SandboxAccountsPageTest extends HubIntegrationTest {

    private static final String VIEWER = "sandbox-page-viewer";
    private static final String PASSWORD = "sandbox-page-password";

    @Autowired
    AppUsers users;

    @Test
    void listsTheShopifyShopWithAnAccessTokenTheSimulatorAccepts() {
        String page = admin().get("/sandbox").body();
        String account = idOf(page, SHOP);

        assertThat(page).contains("<title>Sandbox: simulated accounts · Mekong</title>")
                .contains("Shop domain").contains("Admin API access token").contains("Base URL override");
        String baseUrl = value(page, account + "-baseUrl");
        HttpResponse<String> shop = ConsoleForms.send(HttpRequest.newBuilder(URI.create(baseUrl + "/admin/api/2025-10/graphql.json"))
                .header("X-Shopify-Access-Token", value(page, account + "-accessToken"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"query\":\"{ shop { name } }\"}")));

        assertThat(shop.statusCode()).isEqualTo(200);
        assertThat(shop.body()).contains("Cửa hàng Kiểm thử");
    }

    @Test
    void listsAStripeSecretKeyTheSimulatorAccepts() {
        String page = admin().get("/sandbox").body();

        assertThat(page).contains("Secret or restricted key");
        HttpResponse<String> customers = ConsoleForms.send(HttpRequest.newBuilder(
                        URI.create(value(page, "stripe-1-baseUrl") + "/v1/customers?limit=1"))
                .header("Authorization", "Bearer " + value(page, "stripe-1-secretKey")));

        assertThat(value(page, "stripe-1-secretKey")).startsWith("sk_test_");
        assertThat(customers.statusCode()).isEqualTo(200);
        assertThat(customers.body()).contains("\"object\":\"list\"");
    }

    @Test
    void listsAWooCommerceKeyAndSecretTheSimulatorAccepts() {
        String page = admin().get("/sandbox").body();
        String pair = value(page, "woocommerce-1-consumerKey") + ":" + value(page, "woocommerce-1-consumerSecret");

        HttpResponse<String> orders = ConsoleForms.send(HttpRequest.newBuilder(
                        URI.create(value(page, "woocommerce-1-baseUrl") + "/wp-json/wc/v3/orders?per_page=1"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8))));

        assertThat(orders.statusCode()).isEqualTo(200);
        assertThat(orders.body()).startsWith("[{");
    }

    @Test
    void aViewerGetsTheRefusalPage() {
        if (!users.exists(VIEWER)) {
            users.create(VIEWER, PASSWORD, Role.VIEWER, null);
        }

        HttpResponse<String> page = new ConsoleForms(port, VIEWER, PASSWORD).page("/sandbox");

        assertThat(page.statusCode()).isEqualTo(403);
        assertThat(page.body()).contains("Not allowed").doesNotContain("sk_test_");
    }

    @Test
    void someoneNotSignedInIsSentToTheSignInPage() {
        for (String path : new String[] {"/sandbox", "/sandbox/"}) {
            HttpResponse<String> page = ConsoleForms.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .header("Accept", "text/html"));

            assertThat(page.statusCode()).as(path).isEqualTo(302);
            assertThat(page.headers().firstValue("Location")).as(path).hasValueSatisfying(
                    location -> assertThat(location).endsWith("/login"));
        }
    }

    @Test
    void speaksVietnamese() {
        String byBrowser = admin().in("vi").get("/sandbox/").body();
        String bySwitch = admin().get("/sandbox?lang=vi").body();

        for (String page : new String[] {byBrowser, bySwitch}) {
            assertThat(page).contains("<title>Sandbox: tài khoản mô phỏng · Mekong</title>")
                    .contains("Dán các giá trị bên dưới vào các trường cùng tên").contains("Sao chép")
                    .contains("Các cửa hàng Shopify (GraphQL Admin API)").doesNotContain("Paste the values");
        }
    }

    @Test
    void theChoiceOfASystemLinksToThePage() {
        assertThat(admin().get("/console/connections/new").body())
                .contains("<a id=\"try-it\" href=\"/sandbox\">Trying Mekong? The sandbox&#39;s simulated accounts</a>");
    }

    private ConsoleForms admin() {
        return new ConsoleForms(port, "admin", ADMIN_PASSWORD);
    }

    /** The id of the account whose value is {@code shown}, e.g. {@code shopify-1} for a shop's domain. */
    private static String idOf(String page, String shown) {
        Matcher code = Pattern.compile("<code id=\"([a-z]+-\\d+)-[A-Za-z]+\">" + Pattern.quote(shown) + "</code>")
                .matcher(page);
        assertThat(code.find()).as("the page shows " + shown).isTrue();
        return code.group(1);
    }

    private static String value(String page, String id) {
        Matcher code = Pattern.compile("<code id=\"" + Pattern.quote(id) + "\">([^<]+)</code>").matcher(page);
        assertThat(code.find()).as("the page has " + id).isTrue();
        return code.group(1);
    }
}
