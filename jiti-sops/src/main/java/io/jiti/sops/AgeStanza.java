package io.jiti.sops;

/**
 * A file's data key wrapped for one age recipient, as SOPS keeps it under {@code sops.age}.
 *
 * @param recipient the recipient ({@code age1…})
 * @param enc       the data key encrypted to it, an ASCII-armored age file
 */
public record AgeStanza(String recipient, String enc) {
}
