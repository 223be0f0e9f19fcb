package p2pchat.peer.profile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProfileLockTest {
  @TempDir Path dir;

  @Test
  void aSecondLockOnAProfileIsRefusedWithASentence() throws Exception {
    Path profile = dir.resolve("alice");
    try (ProfileLock first = ProfileLock.acquire(profile)) {
      assertThatThrownBy(() -> ProfileLock.acquire(profile))
          .isInstanceOf(ProfileLock.AlreadyRunning.class)
          .hasMessageStartingWith("already running in this profile (" + profile + "): ")
          .hasMessageContaining(profile.resolve(ProfileLock.FILE_NAME).toString());
      // another spelling of the same folder is the same profile
      assertThatThrownBy(() -> ProfileLock.acquire(dir.resolve(".").resolve("alice")))
          .isInstanceOf(ProfileLock.AlreadyRunning.class);
    }
  }

  @Test
  void afterCloseTheProfileCanBeLockedAgain() throws Exception {
    Path profile = dir.resolve("alice");
    ProfileLock first = ProfileLock.acquire(profile);
    first.close();
    first.close(); // closing again does nothing
    try (ProfileLock again = ProfileLock.acquire(profile)) {
      assertThat(Files.readString(profile.resolve(ProfileLock.FILE_NAME)).strip())
          .isEqualTo(Long.toString(ProcessHandle.current().pid()));
    }
  }

  @Test
  void aLockHeldOtherwiseInThisProcessCountsAsRunning() throws Exception {
    Path profile = Files.createDirectories(dir.resolve("alice"));
    try (FileChannel other =
            FileChannel.open(
                profile.resolve(ProfileLock.FILE_NAME),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock held = other.lock()) {
      // the JVM throws OverlappingFileLockException rather than answering null here
      assertThatThrownBy(() -> ProfileLock.acquire(profile))
          .isInstanceOf(ProfileLock.AlreadyRunning.class)
          .hasMessageStartingWith("already running in this profile (" + profile + "): ");
      assertThat(held.isValid()).isTrue();
    }
    ProfileLock.acquire(profile).close();
  }

  @Test
  void differentProfilesLockApart() throws Exception {
    try (ProfileLock alice = ProfileLock.acquire(dir.resolve("alice"));
        ProfileLock bob = ProfileLock.acquire(dir.resolve("bob"))) {
      assertThat(dir.resolve("bob").resolve(ProfileLock.FILE_NAME)).exists();
    }
  }
}
