package dev.tau.core.session;

/** The session store failed (cannot open, migrate, read or write). Messages hold no secrets. */
public class StoreException extends RuntimeException {
  public StoreException(String message) {
    super(message);
  }

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
