package p2pchat.app.chat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** Plain lines on stdin and stdout, for scripts and tests: no prompt, no escape codes. */
final class PipeConsole implements ChatConsole {
  private final BufferedReader in;
  private final PrintStream out;

  PipeConsole(InputStream in, PrintStream out) {
    this.in = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
  }

  @Override
  public String readLine() throws IOException {
    return in.readLine();
  }

  @Override
  public synchronized void print(String line) {
    out.println(line);
    out.flush();
  }

  @Override
  public void close() {
    out.flush();
  }
}
