package jp.shisakuflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ed25519 keys of signed audit exports, in PEM: the private key as PKCS#8 ({@code openssl genpkey -algorithm
 * ed25519} writes the same), the public key as X.509 SubjectPublicKeyInfo. A key's id is its
 * {@link #fingerprint}. Used by the application and by the {@code verify} command (no Spring).
 */
public final class SigningKeys {

  public static final String ALGORITHM = "Ed25519";
  private static final Pattern PEM = Pattern.compile(
      "-----BEGIN ([A-Z ]+)-----\\s*([A-Za-z0-9+/=\\s]+?)\\s*-----END \\1-----");

  private SigningKeys() {}

  public static KeyPair generate() {
    try {
      return KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The key id: hex SHA-256 of the public key's X.509 encoding, the same as
   * {@code openssl pkey -pubin -in public.pem -outform DER | sha256sum}.
   */
  public static String fingerprint(PublicKey key) {
    return ChainedManifest.sha256(key.getEncoded());
  }

  public static String privatePem(PrivateKey key) {
    return pem("PRIVATE KEY", key.getEncoded());
  }

  public static String publicPem(PublicKey key) {
    return pem("PUBLIC KEY", key.getEncoded());
  }

  /** The public key as published to auditors: its fingerprint on a first line (PEM readers skip it), then the PEM. */
  public static String publishedPem(PublicKey key) {
    return "SHA-256 fingerprint (key id): " + fingerprint(key) + "\n" + publicPem(key);
  }

  /** The key pair of a PKCS#8 PEM private key; the public half is derived from it. */
  public static KeyPair readPrivate(String pem) throws GeneralSecurityException {
    PrivateKey privateKey = KeyFactory.getInstance(ALGORITHM)
        .generatePrivate(new PKCS8EncodedKeySpec(block(pem, "PRIVATE KEY")));
    return new KeyPair(publicKeyOf(privateKey), privateKey);
  }

  public static PublicKey readPublic(String pem) throws GeneralSecurityException {
    return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(block(pem, "PUBLIC KEY")));
  }

  public static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initSign(key);
      signature.update(message);
      return signature.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public static boolean verify(PublicKey key, byte[] message, byte[] signatureBytes) {
    try {
      Signature signature = Signature.getInstance(ALGORITHM);
      signature.initVerify(key);
      signature.update(message);
      return signature.verify(signatureBytes);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The JDK has no call that derives an Ed25519 public key from the private one, and a PKCS#8 file
   * (OpenSSL's too) holds only the private seed. Key generation from that seed as its only randomness
   * gives the same private key and its public key.
   */
  private static PublicKey publicKeyOf(PrivateKey privateKey) throws GeneralSecurityException {
    byte[] seed = ((EdECPrivateKey) privateKey).getBytes()
        .orElseThrow(() -> new GeneralSecurityException("Ed25519 private key without its bytes"));
    KeyPairGenerator generator = KeyPairGenerator.getInstance(ALGORITHM);
    generator.initialize(255, new SecureRandom() {
      @Override
      public void nextBytes(byte[] bytes) {
        System.arraycopy(seed, 0, bytes, 0, bytes.length);
      }
    });
    KeyPair derived = generator.generateKeyPair();
    if (!Arrays.equals(derived.getPrivate().getEncoded(), privateKey.getEncoded())) {
      throw new GeneralSecurityException("could not derive the Ed25519 public key");
    }
    return derived.getPublic();
  }

  private static byte[] block(String pem, String type) throws GeneralSecurityException {
    Matcher matcher = PEM.matcher(pem);
    while (matcher.find()) {
      if (matcher.group(1).equals(type)) {
        try {
          return Base64.getMimeDecoder().decode(matcher.group(2));
        } catch (IllegalArgumentException e) {
          throw new GeneralSecurityException("invalid base64 in the PEM " + type, e);
        }
      }
    }
    throw new GeneralSecurityException("no PEM block '-----BEGIN " + type + "-----'");
  }

  private static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
