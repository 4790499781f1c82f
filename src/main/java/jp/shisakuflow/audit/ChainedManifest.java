package jp.shisakuflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The manifest of an audit export: every file with its SHA-256, and a chain where each entry's hash
 * covers the previous entry's, its file name and its file's hash — so a changed, removed or moved entry
 * breaks the chain from that entry on. The chain alone proves nothing (anyone can recompute it): the
 * export also holds {@link #SIGNATURE_FILE}, the Ed25519 signature of this file's exact bytes by the key
 * {@code keyId} (the fingerprint of {@link #KEY_FILE}, the signer's public key).
 */
public record ChainedManifest(int fiscalYear, String createdAt, String signatureAlgorithm, String keyId,
    List<Entry> entries) {

  public static final String FILE = "manifest.json";
  /** Base64 of the signature of manifest.json. */
  public static final String SIGNATURE_FILE = "manifest.sig";
  /** The signer's public key (PEM), for a first look; an auditor verifies with the published key instead. */
  public static final String KEY_FILE = "signing-key.pem";
  public static final String GENESIS = "0".repeat(64);

  /** One file of the export. */
  public record Entry(int index, String file, String sha256, String previous, String chain) {}

  public static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The chain hash of an entry: SHA-256 of "previous|file|fileHash". */
  public static String link(String previous, String file, String fileHash) {
    return sha256((previous + "|" + file + "|" + fileHash).getBytes(StandardCharsets.UTF_8));
  }
}
