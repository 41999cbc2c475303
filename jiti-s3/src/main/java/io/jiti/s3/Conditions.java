package io.jiti.s3;

import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/** S3's conditional GET/HEAD: If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since. */
final class Conditions {
    private Conditions() {
    }

    /**
     * True when the client's copy is current (answer 304); S3's PreconditionFailed (412) when a required
     * condition does not hold.
     */
    static boolean notModified(S3Exchange x, ObjectVersion v) {
        String etag = ObjectApi.quoted(v.etag());
        String ifMatch = x.header("If-Match");
        if (ifMatch != null && !matches(ifMatch, etag)) {
            throw failed("If-Match");
        }
        long modified = v.lastModified() / 1000;
        Long unmodifiedSince = seconds(x.header("If-Unmodified-Since"));
        if (ifMatch == null && unmodifiedSince != null && modified > unmodifiedSince) {
            throw failed("If-Unmodified-Since");
        }
        String ifNoneMatch = x.header("If-None-Match");
        if (ifNoneMatch != null) {
            return matches(ifNoneMatch, etag);
        }
        Long modifiedSince = seconds(x.header("If-Modified-Since"));
        return modifiedSince != null && modified <= modifiedSince;
    }

    private static boolean matches(String header, String etag) {
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.equals("*") || c.equals(etag) || c.equals(etag.replace("\"", ""))) {
                return true;
            }
        }
        return false;
    }

    private static Long seconds(String httpDate) {
        if (httpDate == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(httpDate, DateTimeFormatter.RFC_1123_DATE_TIME).toEpochSecond();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static S3Error failed(String condition) {
        return new S3Error(412, "PreconditionFailed", "At least one of the preconditions you specified did not hold: "
                + condition + ".");
    }
}
