package dev.tau.store.sqlite;

import dev.tau.core.model.Message;
import dev.tau.core.session.SessionEvent;
import dev.tau.core.session.SessionId;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The child process of {@link SqliteConcurrentFirstOpenIT}. Prints {@code ready}, then for every
 * database path read from stdin (so all openers start together) opens the store, appends one event
 * to session {@code <name>}, and prints {@code opened} or {@code failed: <message>}.
 */
public final class ConcurrentOpener {
  private ConcurrentOpener() {}

  public static void main(String[] args) throws IOException {
    String name = args[0];
    BufferedReader in =
        new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
    System.out.println("ready");
    System.out.flush();
    for (String file = in.readLine(); file != null; file = in.readLine()) {
      String answer;
      try {
        openAndAppend(Path.of(file), name);
        answer = "opened";
      } catch (RuntimeException e) {
        answer = "failed: " + e.getMessage();
      }
      System.out.println(answer);
      System.out.flush();
    }
  }

  static void openAndAppend(Path file, String name) {
    try (SqliteSessionStore store = SqliteSessionStore.open(file, Clock.systemUTC())) {
      store.append(
          SessionId.of(name),
          List.of(
              new SessionEvent.MessageAppended(Clock.systemUTC().instant(), Message.user(name))));
    }
  }
}
