package io.jiti.sops;

import java.util.List;

/**
 * The {@code sops} block of a file, the parts jiti reads and writes.
 *
 * @param age              the data key wrapped for each age recipient
 * @param lastModified     when the values were last written (RFC 3339, as written: it is the MAC's additional data)
 * @param mac              the MAC over the values, encrypted with the data key
 * @param rules            which values are encrypted
 * @param macOnlyEncrypted whether the MAC covers only the encrypted values
 * @param version          the SOPS format version the file was written with
 */
record SopsMetadata(List<AgeStanza> age, String lastModified, String mac, EncryptionRules rules,
                    boolean macOnlyEncrypted, String version) {

    /** The format version jiti writes: SOPS 3.9's (values, MAC and age stanzas as 3.x has them). */
    static final String VERSION = "3.9.0";

    SopsMetadata {
        age = List.copyOf(age);
    }

    /** The recipients the data key is wrapped for. */
    List<String> recipients() {
        return age.stream().map(AgeStanza::recipient).toList();
    }
}
