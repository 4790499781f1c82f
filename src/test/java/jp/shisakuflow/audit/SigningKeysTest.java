package jp.shisakuflow.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;

/** Signing keys without an application: PEM files, fingerprints, and who may start without a key. */
class SigningKeysTest {

  /** RFC 8410, section 10.3 and 10.1: an Ed25519 private key and its public key, as OpenSSL writes them. */
  static final String RFC_PRIVATE = """
      -----BEGIN PRIVATE KEY-----
      MC4CAQAwBQYDK2VwBCIEINTuctv5E1hK1bbY8fdp+K06/nwoy/HU++CXqI9EdVhC
      -----END PRIVATE KEY-----
      """;
  static final String RFC_PUBLIC = """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
      -----END PUBLIC KEY-----
      """;
  /** openssl pkey -in private.pem -pubout -outform DER | sha256sum */
  static final String RFC_FINGERPRINT = "a1e9156054e04fac899ae9f275132cdc07a5dbc4ea2c2ad3a1ffc6e0d253681f";

  @TempDir Path dir;

  @Test
  void anOpenSslPrivateKeyGivesItsPublicKeyAndFingerprint() throws Exception {
    KeyPair keys = SigningKeys.readPrivate(RFC_PRIVATE);
    assertThat(keys.getPublic().getEncoded()).isEqualTo(SigningKeys.readPublic(RFC_PUBLIC).getEncoded());
    assertThat(SigningKeys.fingerprint(keys.getPublic())).isEqualTo(RFC_FINGERPRINT);
    byte[] message = "manifest".getBytes(StandardCharsets.UTF_8);
    byte[] signature = SigningKeys.sign(keys.getPrivate(), message);
    assertThat(SigningKeys.verify(SigningKeys.readPublic(RFC_PUBLIC), message, signature)).isTrue();
    assertThat(SigningKeys.verify(SigningKeys.generate().getPublic(), message, signature)).isFalse();
    assertThat(SigningKeys.verify(keys.getPublic(), "manifest!".getBytes(StandardCharsets.UTF_8), signature)).isFalse();
  }

  @Test
  void aPublishedKeyReadsBackWithItsFingerprintOnTheFirstLine() throws Exception {
    KeyPair keys = SigningKeys.generate();
    String published = SigningKeys.publishedPem(keys.getPublic());
    assertThat(published).startsWith("SHA-256 fingerprint (key id): " + SigningKeys.fingerprint(keys.getPublic()));
    assertThat(SigningKeys.readPublic(published).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    assertThat(SigningKeys.readPrivate(SigningKeys.privatePem(keys.getPrivate())).getPublic().getEncoded())
        .isEqualTo(keys.getPublic().getEncoded());
    assertThatThrownBy(() -> SigningKeys.readPrivate(published)).isInstanceOf(GeneralSecurityException.class)
        .hasMessageContaining("PRIVATE KEY");
  }

  @Test
  void theDemoAndTestsCreateAKeyOnceReadableOnlyByTheOwner() throws Exception {
    Path file = dir.resolve("keys/signing.pem");
    AuditSigningKey created = new AuditSigningKey(file.toString(), true);
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(new AuditSigningKey(file.toString(), true).keyId()).isEqualTo(created.keyId());
    assertThat(new AuditSigningKey(file.toString(), false).keyId()).as("read again, not replaced")
        .isEqualTo(created.keyId());
  }

  @Test
  void outsideTheDemoAndTestsAMissingOrBadKeyRefusesStartUpNamingTheVariable() throws Exception {
    assertThatThrownBy(() -> new AuditSigningKey("", false)).isInstanceOf(SigningKeyUnavailableException.class)
        .hasMessageContaining("SHISAKU_SIGNING_KEY_FILE").hasMessageContaining("is not set");
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> new AuditSigningKey(missing.toString(), false))
        .hasMessageContaining("SHISAKU_SIGNING_KEY_FILE").hasMessageContaining("cannot be read");
    assertThat(missing).doesNotExist();
    Path publicOnly = Files.writeString(dir.resolve("public.pem"), RFC_PUBLIC);
    assertThatThrownBy(() -> new AuditSigningKey(publicOnly.toString(), false))
        .hasMessageContaining("SHISAKU_SIGNING_KEY_FILE").hasMessageContaining("PRIVATE KEY");
  }

  @Test
  void theStartUpReportSaysWhatToSet() {
    var failure = new org.springframework.beans.factory.BeanCreationException("auditSigningKey",
        "Failed to instantiate", catchSigningKeyFailure(() -> new AuditSigningKey("", false)));
    var analysis = new SigningKeyFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription()).contains("SHISAKU_SIGNING_KEY_FILE", "が設定されていません", "is not set");
    assertThat(analysis.getAction()).contains("openssl genpkey -algorithm ed25519", "SHISAKU_SIGNING_KEY_FILE=");
  }

  private static SigningKeyUnavailableException catchSigningKeyFailure(Runnable start) {
    try {
      start.run();
    } catch (SigningKeyUnavailableException e) {
      return e;
    }
    throw new AssertionError("no SigningKeyUnavailableException");
  }

  @Test
  void aCitySignsWithItsOwnKeyWhereItHasOneElseWithTheDeployments() throws Exception {
    Path deployment = dir.resolve("deployment.pem");
    Path cities = Files.createDirectories(dir.resolve("cities"));
    AuditSigningKey created = new AuditSigningKey(deployment.toString(), cities.toString(), true);
    AuditSigningKey.Key kawasaki = created.forCity("kawasaki");
    assertThat(cities.resolve("kawasaki.pem")).as("the demo's and tests' city key, created").exists();
    assertThat(kawasaki.keyId()).isNotEqualTo(created.keyId());
    assertThat(created.forCity(null).keyId()).as("work of no one city").isEqualTo(created.keyId());

    AuditSigningKey production = new AuditSigningKey(deployment.toString(), cities.toString(), false);
    assertThat(production.forCity("kawasaki").keyId()).as("read from its file").isEqualTo(kawasaki.keyId());
    assertThat(production.forCity("wakaba").keyId()).as("no file: the deployment's key")
        .isEqualTo(production.keyId());
    assertThat(cities.resolve("wakaba.pem")).as("production creates no key").doesNotExist();
    assertThat(new AuditSigningKey(deployment.toString(), "", false).forCity("kawasaki").keyId())
        .as("no city directory: every city the deployment's key").isEqualTo(created.keyId());
    assertThatThrownBy(() -> production.forCity("../etc")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void onlyTheDemoAndTestProfilesMayCreateTheKey() {
    Path file = dir.resolve("created.pem");
    MockEnvironment production = new MockEnvironment();
    production.setActiveProfiles("postgres");
    assertThatThrownBy(() -> new AuditSigningKey(file.toString(), "", production))
        .hasMessageContaining("SHISAKU_SIGNING_KEY_FILE");
    assertThat(file).doesNotExist();

    MockEnvironment demoByDefault = new MockEnvironment();
    demoByDefault.setDefaultProfiles("demo");
    new AuditSigningKey(file.toString(), "", demoByDefault);
    assertThat(file).exists();
  }
}
