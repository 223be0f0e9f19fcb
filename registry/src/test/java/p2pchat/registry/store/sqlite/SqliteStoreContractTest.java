package p2pchat.registry.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import p2pchat.registry.store.RegistryStore;
import p2pchat.registry.store.StoreContract;
import p2pchat.registry.store.StoreException;

/** The store contract on the SQLite store, in a real file in a temporary folder. */
class SqliteStoreContractTest extends StoreContract {
  @TempDir Path data;

  @Override
  protected RegistryStore open() throws StoreException {
    return SqliteStore.open(data);
  }

  @Test
  void theDatabaseIsOneFileInTheDataFolder() {
    assertThat(Files.isRegularFile(data.resolve(SqliteStore.FILE_NAME))).isTrue();
  }
}
