package p2pchat.app.chat;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jline.reader.impl.history.DefaultHistory;

/**
 * JLine's history file, holding only what {@link HistoryFilter} keeps of each line: a line typed is
 * cut down before it is kept, and a file written by an older client (with messages in it) is
 * rewritten without them the first time it is loaded.
 */
final class CommandHistory extends DefaultHistory {
  private boolean cut; // a line loaded or added was dropped or shortened

  @Override
  public void add(Instant time, String line) {
    // before JLine's own checks, so that "/msg bob hi" then "/msg bob yo" is one duplicate
    HistoryFilter.kept(line).ifPresent(kept -> super.add(time, kept));
  }

  @Override
  protected void internalAdd(Instant time, String line, boolean checkDuplicates) {
    // every line loaded from the file comes this way, however many the file holds
    Optional<String> kept = HistoryFilter.kept(line);
    if (!kept.equals(Optional.of(line))) {
      cut = true;
    }
    if (kept.isPresent()) {
      super.internalAdd(time, kept.get(), checkDuplicates);
    }
  }

  @Override
  public void load() throws IOException {
    cut = false;
    try {
      super.load();
    } catch (IllegalArgumentException e) {
      purge(); // a file JLine cannot read back: nothing in it can be shown to be only commands
      return;
    }
    if (cut) {
      List<Entry> kept = new ArrayList<>();
      forEach(kept::add);
      purge();
      kept.forEach(e -> internalAdd(e.time(), e.line(), false));
      save();
      cut = false;
    }
  }
}
