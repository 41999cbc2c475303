package io.jiti.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jiti.api.JitiException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/** The hash a live resource carries of the spec it was made from: SHA-256 of canonical JSON, 16 hex digits. */
public final class SpecHash {
    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private SpecHash() {
    }

    /** The hash of a type and its resolved spec. */
    public static String of(String type, Map<String, Object> spec) {
        try {
            byte[] json = CANONICAL.writeValueAsBytes(Map.of("type", type, "spec", spec));
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(json);
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new JitiException("cannot hash the spec", e);
        }
    }


}
