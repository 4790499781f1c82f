package jp.shisakuflow.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import jp.shisakuflow.audit.SigningKeys;

/**
 * An audit signing key file for an application a test starts outside the demo and test profiles, which
 * refuse to start without one ({@code SHISAKU_SIGNING_KEY_FILE}). The nodes of one cluster get the same file.
 */
public final class SigningKeyFile {

  private SigningKeyFile() {}

  /** A new Ed25519 private key (PKCS#8 PEM) in {@code dir}, as {@code openssl genpkey -algorithm ed25519} writes it. */
  public static Path createIn(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path file = Files.createTempFile(dir, "audit-signing-key", ".pem");
    return Files.writeString(file, SigningKeys.privatePem(SigningKeys.generate().getPrivate()));
  }
}
