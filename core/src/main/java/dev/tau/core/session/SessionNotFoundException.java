package dev.tau.core.session;

/** A read named a session that does not exist. */
public final class SessionNotFoundException extends StoreException {
  public SessionNotFoundException(SessionId id) {
    super("session '" + id + "' not found");
  }
}
