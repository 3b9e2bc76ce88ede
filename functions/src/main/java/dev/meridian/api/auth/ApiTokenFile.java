package dev.meridian.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local API token file: 32 random bytes, base64url, created with owner-only permissions
 * (directory 0700, file 0600) on first start and read on later starts. The token itself is never
 * logged.
 */
public final class ApiTokenFile {
  private static final Logger LOG = LoggerFactory.getLogger(ApiTokenFile.class);
  static final Set<PosixFilePermission> FILE_PERMS = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> DIR_PERMS =
      PosixFilePermissions.fromString("rwx------");
  private static final int TOKEN_BYTES = 32;

  private ApiTokenFile() {}

  /** Reads the token at {@code file}, generating it first if the file does not exist. */
  public static String loadOrCreate(Path file, SecureRandom random) {
    try {
      if (!Files.exists(file)) {
        create(file, random);
      }
      tightenPermissions(file);
      String token = Files.readString(file, StandardCharsets.US_ASCII).trim();
      if (token.length() < 16) {
        throw new IllegalStateException(
            "API token file " + file + " holds no usable token (delete it to generate a new one)");
      }
      return token;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read or create the API token file " + file, e);
    }
  }

  private static void create(Path file, SecureRandom random) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    if (dir != null && !Files.isDirectory(dir)) {
      if (posix(dir.getParent() == null ? dir : dir.getParent())) {
        Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(DIR_PERMS));
      } else {
        Files.createDirectories(dir);
      }
    }
    byte[] raw = new byte[TOKEN_BYTES];
    random.nextBytes(raw);
    String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
    try {
      if (posix(dir == null ? file.toAbsolutePath() : dir)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE_PERMS));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException raced) {
      return; // another process created it first: use theirs
    }
    Files.writeString(
        file, token + "\n", StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
    LOG.info("api token generated file={}", file);
  }

  private static void tightenPermissions(Path file) throws IOException {
    if (!posix(file)) {
      return;
    }
    Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
    if (!perms.equals(FILE_PERMS)) {
      Files.setPosixFilePermissions(file, FILE_PERMS);
      LOG.warn(
          "api token file permissions tightened file={} from={} to=rw-------",
          file,
          PosixFilePermissions.toString(perms));
    }
  }

  private static boolean posix(Path p) {
    return Files.getFileAttributeView(p, PosixFileAttributeView.class) != null;
  }
}
