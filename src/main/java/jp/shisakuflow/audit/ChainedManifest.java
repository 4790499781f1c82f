package jp.shisakuflow.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The manifest of an audit export: every file with its SHA-256, and a chain where each entry's hash
 * covers the previous entry's, its file name and its file's hash — so a changed, removed or moved entry
 * breaks the chain from that entry on.
 */
public record ChainedManifest(int fiscalYear, String createdAt, List<Entry> entries) {

  public static final String FILE = "manifest.json";
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
