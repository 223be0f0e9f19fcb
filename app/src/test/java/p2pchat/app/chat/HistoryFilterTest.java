package p2pchat.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HistoryFilterTest {
  @Test
  void messagesAreNotKept() {
    assertThat(HistoryFilter.kept("bob/the plan is on")).isEmpty();
    assertThat(HistoryFilter.kept("  bob/hi")).isEmpty();
    assertThat(HistoryFilter.kept("#team/the plan is on")).isEmpty();
    assertThat(HistoryFilter.kept("just some words")).isEmpty();
    assertThat(HistoryFilter.kept("")).isEmpty();
  }

  @Test
  void commandsCarryingATextKeepTheirWordAndTargetOnly() {
    assertThat(HistoryFilter.kept("/msg bob the plan is on")).contains("/msg bob");
    assertThat(HistoryFilter.kept("/msg  bob\tthe plan")).contains("/msg bob");
    assertThat(HistoryFilter.kept("/g team the plan is on")).contains("/g team");
    assertThat(HistoryFilter.kept("/run bob cat notes.txt")).contains("/run bob");
    assertThat(HistoryFilter.kept("/all the plan is on")).contains("/all");
    assertThat(HistoryFilter.kept("/msg bob")).contains("/msg bob");
  }

  @Test
  void otherCommandsAreKeptWholeAndUnknownOnesAsTheirWord() {
    assertThat(HistoryFilter.kept("/chat bob")).contains("/chat bob");
    assertThat(HistoryFilter.kept(" /group invite team carol "))
        .contains("/group invite team carol");
    assertThat(HistoryFilter.kept("/search holiday photos")).contains("/search holiday photos");
    assertThat(HistoryFilter.kept("/users")).contains("/users");
    assertThat(HistoryFilter.kept("/mgs bob the plan is on")).contains("/mgs");
  }

  @Test
  void whatIsKeptIsKeptAgainUnchanged() {
    for (String line : new String[] {"/msg bob hi", "/all hi", "/chat bob", "/mgs bob hi"}) {
      String once = HistoryFilter.kept(line).orElseThrow();
      assertThat(HistoryFilter.kept(once)).contains(once);
    }
  }
}
