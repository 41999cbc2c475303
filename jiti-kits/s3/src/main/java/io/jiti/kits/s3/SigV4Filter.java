package io.jiti.kits.s3;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/** Lets through only requests signed with the bucket's credentials; others get S3's XML error and 403. */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class SigV4Filter implements Filter {
    private final SigV4Verifier verifier;

    /** A filter for one key pair. */
    public SigV4Filter(Credentials credentials) {
        this.verifier = new SigV4Verifier(credentials);
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest http = (HttpServletRequest) req;
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : Collections.list(http.getHeaderNames())) {
            headers.put(name.toLowerCase(Locale.ROOT), Collections.list(http.getHeaders(name)));
        }
        SignedRequest signed = new SignedRequest(http.getMethod(), http.getRequestURI(), http.getQueryString(), headers);
        if (verifier.verify(signed, Instant.now()) instanceof Verdict.Denied d) {
            HttpServletResponse out = (HttpServletResponse) res;
            out.setStatus(403);
            out.setContentType("application/xml");
            byte[] body = ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + d.code() + "</Code><Message>"
                    + d.message() + "</Message><Resource>" + escape(http.getRequestURI())
                    + "</Resource></Error>").getBytes(StandardCharsets.UTF_8);
            out.setContentLength(body.length);
            out.getOutputStream().write(body);
            return;
        }
        chain.doFilter(req, res);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
