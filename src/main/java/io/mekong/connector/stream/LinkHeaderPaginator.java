package io.mekong.connector.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.mekong.connector.http.HttpResult;
import io.mekong.connector.http.QueryString;
import io.mekong.connector.spec.PaginatorSpec;
import java.net.URI;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RFC 8288 web linking: the next page is the {@code Link} header's {@code rel="next"} target. Its query replaces
 * the request's whole query, because servers such as Shopify REST refuse the original filters beside their
 * {@code page_info} token.
 */
public final class LinkHeaderPaginator implements Paginator {

    private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*((?:;\\s*[^;,]+)*)");
    private static final Pattern REL_NEXT = Pattern.compile(";\\s*rel\\s*=\\s*\"?([^\";]*)\"?");

    private final PaginatorSpec.LinkHeader spec;
    private final int pageSize;

    public LinkHeaderPaginator(PaginatorSpec.LinkHeader spec, int pageSize) {
        this.spec = spec;
        this.pageSize = pageSize;
    }

    @Override
    public void apply(PageRequest request, String position) {
        if (position != null) {
            request.params().clear();
            request.params().addAll(QueryString.parse(position));
        }
        if (spec.sizeParam() != null) {
            request.param(spec.sizeParam(), Integer.toString(pageSize));
        }
    }

    @Override
    public String next(HttpResult response, List<JsonNode> records, String position) {
        return response.header("Link").map(LinkHeaderPaginator::nextQuery).orElse(null);
    }

    @Override
    public String repeated() {
        return "the same next link (Link rel=\"next\")";
    }

    /** The raw query of the rel="next" link of a Link header value, or null. */
    static String nextQuery(String header) {
        Matcher link = LINK.matcher(header);
        while (link.find()) {
            Matcher rel = REL_NEXT.matcher(link.group(2));
            while (rel.find()) {
                for (String value : rel.group(1).trim().split("\\s+")) {
                    if (value.equalsIgnoreCase("next")) {
                        String query = URI.create(link.group(1).trim()).getRawQuery();
                        return query == null ? "" : query;
                    }
                }
            }
        }
        return null;
    }
}
