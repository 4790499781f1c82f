package jp.shisakuflow.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Checks an audit export: every file against its hash, every entry against the chain. Names the first
 * entry that was modified, removed or reordered. Also the command line: {@code verify <export.zip>}.
 */
public final class AuditExportVerifier {

  /** The verdict: {@code problem} is empty when the export is intact. */
  public record Result(int entries, Optional<String> problem) {
    public boolean intact() {
      return problem.isEmpty();
    }
  }

  private AuditExportVerifier() {}

  public static Result verify(InputStream zipStream) throws IOException {
    Map<String, byte[]> files = new HashMap<>();
    try (ZipInputStream zip = new ZipInputStream(zipStream)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        files.put(entry.getName(), zip.readAllBytes());
      }
    }
    byte[] manifestBytes = files.remove(ChainedManifest.FILE);
    if (manifestBytes == null) {
      return new Result(0, Optional.of("manifest.json がありません (the export has no manifest)"));
    }
    ChainedManifest manifest = new ObjectMapper().readValue(manifestBytes, ChainedManifest.class);
    String previous = ChainedManifest.GENESIS;
    Set<String> listed = new HashSet<>();
    for (ChainedManifest.Entry entry : manifest.entries()) {
      String where = "entry " + entry.index() + " (" + entry.file() + ")";
      listed.add(entry.file());
      if (!entry.previous().equals(previous)
          || !entry.chain().equals(ChainedManifest.link(previous, entry.file(), entry.sha256()))) {
        return new Result(manifest.entries().size(), Optional.of(where + ": 連鎖が切れています — この項目か、その前の項目が"
            + "削除・並べ替え・改変されました (the chain is broken: this entry or one before it was removed, reordered"
            + " or altered)"));
      }
      byte[] bytes = files.get(entry.file());
      if (bytes == null) {
        return new Result(manifest.entries().size(), Optional.of(where + ": ファイルが削除されています (removed)"));
      }
      if (!ChainedManifest.sha256(bytes).equals(entry.sha256())) {
        return new Result(manifest.entries().size(), Optional.of(where + ": 内容が改変されています (modified)"));
      }
      previous = entry.chain();
    }
    for (String file : files.keySet()) {
      if (!listed.contains(file)) {
        return new Result(manifest.entries().size(), Optional.of(file + ": マニフェストにないファイルです (added)"));
      }
    }
    return new Result(manifest.entries().size(), Optional.empty());
  }

  /** {@code verify <export.zip>}: prints the verdict; exit code 0 intact, 1 not, 2 usage or read error. */
  public static int run(String... args) {
    if (args.length != 2) {
      System.err.println("使い方 (usage): verify <監査エクスポート.zip>");
      return 2;
    }
    Path zip = Path.of(args[1]);
    try (InputStream in = Files.newInputStream(zip)) {
      Result result = verify(in);
      if (result.intact()) {
        System.out.println("OK: " + zip + " は改変されていません (" + result.entries() + " entries, intact)");
        return 0;
      }
      System.out.println("NG: " + zip + " — " + result.problem().get());
      return 1;
    } catch (IOException e) {
      System.err.println("読めません (cannot read) " + zip + ": " + e.getMessage());
      return 2;
    }
  }
}
