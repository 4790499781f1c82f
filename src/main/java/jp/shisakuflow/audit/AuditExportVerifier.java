package jp.shisakuflow.audit;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Checks an audit export: no two entries of one name, the same entries through the central directory as
 * one after the other (for a file), every file against its hash, every entry against the chain, and the
 * manifest's Ed25519 signature: against the auditor's trusted public key, or, without one, against the key
 * in the export (which proves only that whoever holds that key signed it). Names the first
 * entry that was modified, removed, reordered or duplicated. Also the command line:
 * {@code verify <export.zip> [--key <public.pem>]}.
 */
public final class AuditExportVerifier {

  /**
   * The verdict: {@code problems} is empty when the export is intact. {@code signer} is the fingerprint of
   * the key the signature was checked with; {@code trustedKey} whether that key was the auditor's own.
   */
  public record Result(int entries, Optional<String> signer, boolean trustedKey, List<String> problems) {
    public boolean intact() {
      return problems.isEmpty();
    }

    public Optional<String> problem() {
      return problems.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", problems));
    }
  }

  private static final Set<String> SIGNING_FILES =
      Set.of(ChainedManifest.FILE, ChainedManifest.SIGNATURE_FILE, ChainedManifest.KEY_FILE);

  private AuditExportVerifier() {}

  /** Checks against the key embedded in the export. */
  public static Result verify(InputStream zipStream) throws IOException {
    return verify(zipStream, null);
  }

  /** @param trustedKey the auditor's copy of the published key; null to use the export's own */
  public static Result verify(InputStream zipStream, PublicKey trustedKey) throws IOException {
    return verify(read(zipStream), trustedKey);
  }

  /**
   * A ZIP file: as {@link #verify(InputStream, PublicKey)}, which reads the entries one after the other
   * as {@link ZipInputStream} does, and also through the central directory at the file's end, which is
   * what unzip and Explorer show. A ZIP can hide other contents there, after bytes that stop a
   * sequential reader; both views must hold the same entries with the same contents.
   */
  public static Result verify(Path zipFile, PublicKey trustedKey) throws IOException {
    Entries sequential;
    try (InputStream in = Files.newInputStream(zipFile)) {
      sequential = read(in);
    }
    Optional<String> mismatch = sequential.duplicate() != null ? Optional.empty()
        : centralDirectoryProblem(zipFile, sequential.hashes());
    if (mismatch.isPresent()) {
      return new Result(0, Optional.empty(), false, List.of(mismatch.get()));
    }
    return verify(sequential, trustedKey);
  }

  /** Every entry's SHA-256 in ZIP order, the bytes of the signing files, the first duplicate name if any. */
  private record Entries(Map<String, String> hashes, Map<String, byte[]> signing, String duplicate) {}

  private static Entries read(InputStream zipStream) throws IOException {
    Map<String, String> hashes = new LinkedHashMap<>();
    Map<String, byte[]> signing = new LinkedHashMap<>();
    try (ZipInputStream zip = new ZipInputStream(zipStream)) {
      for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
        String name = entry.getName();
        if (hashes.containsKey(name)) {
          return new Entries(hashes, signing, name);
        }
        if (SIGNING_FILES.contains(name)) {
          byte[] bytes = zip.readAllBytes();
          signing.put(name, bytes);
          hashes.put(name, ChainedManifest.sha256(bytes));
        } else {
          hashes.put(name, sha256(zip));
        }
      }
    }
    return new Entries(hashes, signing, null);
  }

  private static Result verify(Entries entries, PublicKey trustedKey) throws IOException {
    if (entries.duplicate() != null) {
      return new Result(0, Optional.empty(), false, List.of(entries.duplicate() + ": 同じ名前の項目が複数あります — 読む"
          + "ツールごとに別の内容が見えるため受け付けません (duplicate entry name: different tools would show different"
          + " contents)"));
    }
    Map<String, byte[]> signing = entries.signing();
    byte[] manifestBytes = signing.get(ChainedManifest.FILE);
    if (manifestBytes == null) {
      return new Result(0, Optional.empty(), false,
          List.of("manifest.json がありません (the export has no manifest)"));
    }
    ChainedManifest manifest;
    try {
      manifest = new ObjectMapper().readValue(manifestBytes, ChainedManifest.class);
    } catch (JacksonException e) {
      return new Result(0, Optional.empty(), false, List.of("manifest.json が読めません — 改変されています (the manifest"
          + " is not a valid manifest: " + e.getOriginalMessage() + ")"));
    }
    List<String> problems = new ArrayList<>();
    chainProblem(manifest, entries.hashes()).ifPresent(problems::add);
    PublicKey key = trustedKey;
    if (key == null && signing.containsKey(ChainedManifest.KEY_FILE)) {
      try {
        key = SigningKeys.readPublic(
            new String(signing.get(ChainedManifest.KEY_FILE), StandardCharsets.ISO_8859_1));
      } catch (GeneralSecurityException e) {
        problems.add(ChainedManifest.KEY_FILE + " が公開鍵として読めません (not a public key: " + e.getMessage() + ")");
      }
    }
    Optional<String> signer = Optional.ofNullable(key).map(SigningKeys::fingerprint);
    signatureProblem(manifest, manifestBytes, signing.get(ChainedManifest.SIGNATURE_FILE), key)
        .ifPresent(problems::add);
    return new Result(manifest.entries().size(), signer, trustedKey != null, problems);
  }

  private static Optional<String> centralDirectoryProblem(Path zipFile, Map<String, String> sequential)
      throws IOException {
    Map<String, String> central = new LinkedHashMap<>();
    try (ZipFile zip = new ZipFile(zipFile.toFile())) {
      for (ZipEntry entry : Collections.list(zip.entries())) {
        if (central.containsKey(entry.getName())) {
          return Optional.of(entry.getName() + ": 中央ディレクトリに同じ名前の項目が複数あります (duplicate entry name in the"
              + " central directory)");
        }
        try (InputStream in = zip.getInputStream(entry)) {
          central.put(entry.getName(), sha256(in));
        }
      }
    }
    if (central.equals(sequential) && List.copyOf(central.keySet()).equals(List.copyOf(sequential.keySet()))) {
      return Optional.empty();
    }
    String differing = central.keySet().stream().filter(name -> !central.get(name).equals(sequential.get(name)))
        .findFirst().orElseGet(() -> sequential.keySet().stream().filter(name -> !central.containsKey(name))
            .findFirst().orElse("(order)"));
    return Optional.of(differing + ": ZIP の中央ディレクトリ (unzip やエクスプローラーが表示する内容) と各項目が一致しません"
        + " — 隠された内容があります (the central directory, which unzip and Explorer show, does not match the"
        + " entries: the ZIP hides other contents)");
  }

  private static Optional<String> chainProblem(ChainedManifest manifest, Map<String, String> hashes) {
    String previous = ChainedManifest.GENESIS;
    Set<String> listed = new HashSet<>();
    for (ChainedManifest.Entry entry : manifest.entries()) {
      String where = "entry " + entry.index() + " (" + entry.file() + ")";
      listed.add(entry.file());
      if (!entry.previous().equals(previous)
          || !entry.chain().equals(ChainedManifest.link(previous, entry.file(), entry.sha256()))) {
        return Optional.of(where + ": 連鎖が切れています — この項目か、その前の項目が削除・並べ替え・改変されました"
            + " (the chain is broken: this entry or one before it was removed, reordered or altered)");
      }
      String hash = hashes.get(entry.file());
      if (hash == null) {
        return Optional.of(where + ": ファイルが削除されています (removed)");
      }
      if (!hash.equals(entry.sha256())) {
        return Optional.of(where + ": 内容が改変されています (modified)");
      }
      previous = entry.chain();
    }
    for (String file : hashes.keySet()) {
      if (!listed.contains(file) && !SIGNING_FILES.contains(file)) {
        return Optional.of(file + ": マニフェストにないファイルです (added)");
      }
    }
    return Optional.empty();
  }

  private static Optional<String> signatureProblem(ChainedManifest manifest, byte[] manifestBytes,
      byte[] signatureFile, PublicKey key) {
    if (signatureFile == null) {
      return Optional.of(ChainedManifest.SIGNATURE_FILE + " がありません — 署名されていないエクスポートです"
          + " (the export is not signed)");
    }
    if (key == null) {
      return Optional.of("検証に使う公開鍵がありません: --key で公開鍵を指定してください (no public key to verify with:"
          + " give the published key with --key)");
    }
    String fingerprint = SigningKeys.fingerprint(key);
    if (!fingerprint.equals(manifest.keyId())) {
      return Optional.of("別の鍵で署名されています: マニフェストの鍵 " + manifest.keyId() + "、信頼する鍵 " + fingerprint
          + " (signed by another key than the one it is checked against)");
    }
    byte[] signature;
    try {
      signature = Base64.getMimeDecoder().decode(signatureFile);
    } catch (IllegalArgumentException e) {
      signature = new byte[0];
    }
    if (!SigningKeys.verify(key, manifestBytes, signature)) {
      return Optional.of("署名が一致しません — 署名の後にマニフェストが変更されたか、別の鍵で署名されています"
          + " (bad signature: the manifest was changed after it was signed, or another key signed it)");
    }
    return Optional.empty();
  }

  private static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[8192];
      for (int n; (n = in.read(buffer)) != -1; ) {
        digest.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * {@code verify <export.zip> [--key <public.pem>]}: prints the verdict and the signer's fingerprint;
   * exit code 0 intact, 1 not, 2 usage or read error.
   */
  public static int run(String... args) {
    List<String> rest = new ArrayList<>(List.of(args).subList(Math.min(1, args.length), args.length));
    Path keyFile = null;
    int option = rest.indexOf("--key");
    if (option >= 0 && option + 1 < rest.size()) {
      keyFile = Path.of(rest.get(option + 1));
      rest.subList(option, option + 2).clear();
    }
    if (rest.size() != 1 || rest.get(0).startsWith("--")) {
      System.err.println("使い方 (usage): verify <監査エクスポート.zip> --key <公開鍵.pem>");
      return 2;
    }
    PublicKey trusted = null;
    if (keyFile != null) {
      try {
        trusted = SigningKeys.readPublic(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
      } catch (IOException | GeneralSecurityException e) {
        System.err.println("公開鍵を読めません (cannot read the public key) " + keyFile + ": " + e.getMessage());
        return 2;
      }
    }
    Path zip = Path.of(rest.get(0));
    try {
      Result result = verify(zip, trusted);
      result.signer().ifPresent(signer -> System.out.println("検証に使った鍵 (verified against key) "
          + (result.trustedKey() ? "--key" : "ZIP 同梱 (inside the ZIP)") + ", SHA-256 fingerprint: " + signer));
      if (result.intact()) {
        System.out.println("OK: " + zip + " は改変されていません (" + result.entries() + " entries, intact)");
        if (!result.trustedKey()) {
          System.out.println(untrustedWarning(result.signer().orElseThrow()));
        }
        return 0;
      }
      System.out.println("NG: " + zip + " — " + result.problem().get());
      return 1;
    } catch (IOException e) {
      System.err.println("読めません (cannot read) " + zip + ": " + e.getMessage());
      return 2;
    }
  }

  private static String untrustedWarning(String fingerprint) {
    String line = "!".repeat(78);
    return line + "\n!! 警告 (WARNING): --key なしで、ZIP に同梱された公開鍵で検証しました。ZIP を作り直した人は鍵も"
        + "\n!! 差し替えられます。次の指紋が市の公表する署名鍵の指紋と一致する場合に限り、この結果を信頼できます:"
        + "\n!! (verified with the key inside the ZIP, not with --key: whoever rebuilt the ZIP can replace that key"
        + "\n!! too. Trust this result only if this fingerprint equals the one the city publishes:)"
        + "\n!!   " + fingerprint
        + "\n!! 公表された鍵で検証するには (to verify with the published key): verify <zip> --key <公開鍵.pem>\n" + line;
  }
}
