package io.jiti.s3;

import java.nio.file.Path;

/**
 * Bytes written to a temporary file and synced, not yet part of any object.
 *
 * @param file      the temporary file
 * @param dataFile  the name it will have in its object's directory
 * @param encrypted whether it is sealed
 */
record Staged(Path file, String dataFile, boolean encrypted) {
}
