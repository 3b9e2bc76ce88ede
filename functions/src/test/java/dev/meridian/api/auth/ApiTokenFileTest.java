package dev.meridian.api.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiTokenFileTest {
  @TempDir Path dir;

  @Test
  void generatesAToken_onFirstStart_withOwnerOnlyPermissions() throws Exception {
    Path file = dir.resolve("meridian/api-token");
    String token = ApiTokenFile.loadOrCreate(file, new SecureRandom());
    assertThat(token).matches("[A-Za-z0-9_-]{43}");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void readsTheSameToken_onLaterStarts() {
    Path file = dir.resolve("api-token");
    String first = ApiTokenFile.loadOrCreate(file, new SecureRandom());
    assertThat(ApiTokenFile.loadOrCreate(file, new SecureRandom())).isEqualTo(first);
  }

  @Test
  void tightensAFileOthersCouldRead() throws Exception {
    Path file = dir.resolve("api-token");
    Files.writeString(file, "0123456789abcdef0123456789abcdef\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(ApiTokenFile.loadOrCreate(file, new SecureRandom()))
        .isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
        .isEqualTo("rw-------");
  }

  @Test
  void refusesAFileWithoutAUsableToken() throws Exception {
    Path file = dir.resolve("api-token");
    Files.writeString(file, "short\n");
    assertThatThrownBy(() -> ApiTokenFile.loadOrCreate(file, new SecureRandom()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("no usable token")
        .hasMessageNotContaining("short");
  }
}
