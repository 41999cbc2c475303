package io.jiti.sops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * A value of the tree as SOPS encrypts it and feeds it to the MAC: its bytes (an integer in decimal, a float
 * without exponent or trailing zeros, a boolean as {@code True}/{@code False}) and its type name.
 *
 * @param bytes the value's bytes
 * @param type  {@code str}, {@code int}, {@code float} or {@code bool}
 */
record Leaf(byte[] bytes, String type) {
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    /** The leaf of a scalar node (not null). */
    static Leaf of(JsonNode v) {
        if (v.isBoolean()) {
            return new Leaf(ascii(v.booleanValue() ? "True" : "False"), "bool");
        }
        if (v.isIntegralNumber()) {
            return new Leaf(ascii(v.bigIntegerValue().toString()), "int");
        }
        if (v.isNumber()) {
            return new Leaf(ascii(v.decimalValue().stripTrailingZeros().toPlainString()), "float");
        }
        return new Leaf(v.asText().getBytes(StandardCharsets.UTF_8), "str");
    }

    /** The node a decrypted value of type {@code type} stands for; throws IllegalArgumentException when it is not one. */
    static JsonNode node(byte[] plain, String type) {
        String s = new String(plain, StandardCharsets.UTF_8);
        return switch (type) {
            case "str", "bytes", "time", "comment" -> F.textNode(s);
            case "int" -> {
                BigInteger i = new BigInteger(s.strip());
                yield i.bitLength() < 32 ? F.numberNode(i.intValue())
                        : i.bitLength() < 64 ? F.numberNode(i.longValue()) : F.numberNode(i);
            }
            case "float" -> F.numberNode(new BigDecimal(s.strip()));
            case "bool" -> F.booleanNode(bool(s));
            default -> throw new IllegalArgumentException("unknown value type '" + type + "'");
        };
    }

    /** A boolean as Go's {@code strconv.ParseBool} reads it (SOPS writes {@code True}/{@code False}). */
    private static boolean bool(String s) {
        return switch (s) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw new IllegalArgumentException("not a boolean: '" + s.toLowerCase(Locale.ROOT) + "'");
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
