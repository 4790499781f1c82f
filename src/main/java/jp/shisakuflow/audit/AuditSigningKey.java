package jp.shisakuflow.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The key that signs audit exports: an Ed25519 private key in the PKCS#8 PEM file
 * {@code shisaku.audit.signing-key-file} ({@code SHISAKU_SIGNING_KEY_FILE}), outside the database so that
 * whoever can change the database cannot sign. The demo and the tests create the file on their first start
 * (the demo's, when none is set, is {@link #DEMO_FILE}); every other profile refuses to start without a
 * readable key. Every node of a cluster is given the same file.
 */
@Component
public class AuditSigningKey {

  static final String VARIABLE = "SHISAKU_SIGNING_KEY_FILE";
  /** Where the demo keeps its key when none is set: next to its database, in the git-ignored data/. */
  static final String DEMO_FILE = "./data/audit-signing-key.pem";
  private static final Logger log = LoggerFactory.getLogger(AuditSigningKey.class);

  /** Where the demo keeps its cities' keys when no directory is set. */
  static final String DEMO_CITY_DIRECTORY = "./data/audit-signing-keys";
  private static final java.util.regex.Pattern CITY_ID = java.util.regex.Pattern.compile("[A-Za-z0-9]+");

  /** One signing key: its id (the public key's fingerprint), its public half, and signing with it. */
  public record Key(String keyId, PublicKey publicKey, java.security.PrivateKey privateKey) {
    static Key of(KeyPair pair) {
      return new Key(SigningKeys.fingerprint(pair.getPublic()), pair.getPublic(), pair.getPrivate());
    }

    public byte[] sign(byte[] message) {
      return SigningKeys.sign(privateKey, message);
    }
  }

  private final Key deploymentKey;
  /** A city's own keys, {@code <city>.pem}; none set: every city signs with the deployment's key. */
  private final Path cityDirectory;
  private final boolean createIfMissing;
  private final java.util.Map<String, Key> cityKeys = new java.util.concurrent.ConcurrentHashMap<>();

  @Autowired
  public AuditSigningKey(@Value("${shisaku.audit.signing-key-file:}") String file,
      @Value("${shisaku.audit.city-signing-key-dir:}") String cityDirectory, Environment environment) {
    this(file, cityDirectory, environment.acceptsProfiles(Profiles.of("demo | test")));
  }

  AuditSigningKey(String file, boolean createIfMissing) {
    this(file, "", createIfMissing);
  }

  AuditSigningKey(String file, String cityDirectory, boolean createIfMissing) {
    this.deploymentKey = Key.of(load(file, createIfMissing));
    this.createIfMissing = createIfMissing;
    String directory = cityDirectory == null || cityDirectory.isBlank()
        ? (createIfMissing ? DEMO_CITY_DIRECTORY : null) : cityDirectory;
    this.cityDirectory = directory == null ? null : Path.of(directory).toAbsolutePath();
    log.info("Audit exports are signed with the key {}{}", keyId(), this.cityDirectory == null ? ""
        : ", a city's with its own key in " + this.cityDirectory + " where it has one");
  }

  /**
   * The key that signs a city's exports: {@code <city>.pem} in the cities' key directory, else the deployment's
   * key; the deployment's for work of no one city ({@code null}). The demo and the tests create a city's key at
   * its first export. A key file added later is read after the next start.
   */
  public Key forCity(String tenantId) {
    if (tenantId == null || cityDirectory == null) {
      return deploymentKey;
    }
    if (!CITY_ID.matcher(tenantId).matches()) {
      throw new IllegalArgumentException("Not a city id: " + tenantId);
    }
    return cityKeys.computeIfAbsent(tenantId, city -> {
      Path file = cityDirectory.resolve(city + ".pem");
      if (!Files.exists(file) && !createIfMissing) {
        log.info("City {} has no signing key of its own ({}): its exports are signed with the deployment's key {}",
            city, file, keyId());
        return deploymentKey;
      }
      Key key = Key.of(load(file.toString(), createIfMissing));
      log.info("City {}'s audit exports are signed with its key {}", city, key.keyId());
      return key;
    });
  }

  /** The fingerprint of the public key, which names the key in every export. */
  public String keyId() {
    return deploymentKey.keyId();
  }

  public PublicKey publicKey() {
    return deploymentKey.publicKey();
  }

  public byte[] sign(byte[] message) {
    return deploymentKey.sign(message);
  }

  static KeyPair load(String file, boolean createIfMissing) {
    if ((file == null || file.isBlank()) && createIfMissing) {
      file = DEMO_FILE;
    }
    if (file == null || file.isBlank()) {
      throw refusal("が設定されていません", "is not set", null);
    }
    Path path = Path.of(file).toAbsolutePath();
    if (!Files.exists(path) && createIfMissing) {
      return create(path);
    }
    try {
      return SigningKeys.readPrivate(Files.readString(path, StandardCharsets.ISO_8859_1));
    } catch (IOException | GeneralSecurityException e) {
      throw refusal(path + " を読めません", path + " cannot be read: " + e.getMessage(), e);
    }
  }

  private static KeyPair create(Path path) {
    KeyPair generated = SigningKeys.generate();
    try {
      Files.createDirectories(path.getParent());
      Path temporary = Files.createTempFile(path.getParent(), ".signing-key", ".tmp");
      try {
        restrictToOwner(temporary);
        Files.writeString(temporary, SigningKeys.privatePem(generated.getPrivate()), StandardCharsets.US_ASCII);
        // No REPLACE_EXISTING: a second JVM that created the file first keeps its key, and this one reads it.
        Files.move(temporary, path);
      } catch (FileAlreadyExistsException createdMeanwhile) {
        Files.delete(temporary);
        return load(path.toString(), false);
      }
    } catch (IOException e) {
      throw refusal(path + " を作成できません", path + " cannot be created: " + e.getMessage(), e);
    }
    log.warn("Created a new audit signing key {} with fingerprint {}: for the demo and tests only; production"
        + " sets {} to a key file of its own", path, SigningKeys.fingerprint(generated.getPublic()), VARIABLE);
    return generated;
  }

  private static void restrictToOwner(Path file) throws IOException {
    try {
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException notPosix) {
      // Windows: the file keeps the directory's permissions.
    }
  }

  private static SigningKeyUnavailableException refusal(String problemJa, String problemEn, Exception cause) {
    return new SigningKeyUnavailableException("監査エクスポートの署名鍵 (" + VARIABLE + ") " + problemJa + "。Ed25519 の秘密鍵"
        + " (PKCS#8 PEM) を作成し (openssl genpkey -algorithm ed25519 -out signing-key.pem)、そのパスを " + VARIABLE
        + " に設定してください。クラスタの全ノードに同じ鍵を渡します (the audit export signing key " + VARIABLE + " "
        + problemEn + ": create an Ed25519 private key in PKCS#8 PEM and set " + VARIABLE + " to its path, the same"
        + " file on every node; only the demo and test profiles create one)", cause);
  }
}
