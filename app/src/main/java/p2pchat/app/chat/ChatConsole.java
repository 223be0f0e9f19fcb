package p2pchat.app.chat;

import java.io.IOException;

/** Where the chat client reads typed lines and prints events: a terminal or a pipe. */
interface ChatConsole extends AutoCloseable {
  /** The next line typed, or null at the end of input (Ctrl-D, end of the pipe, Ctrl-C). */
  String readLine() throws IOException;

  /** Prints {@code line} without disturbing a line being typed; safe from any thread. */
  void print(String line);

  @Override
  void close() throws IOException;
}
