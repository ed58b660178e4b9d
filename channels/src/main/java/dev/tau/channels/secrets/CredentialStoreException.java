package dev.tau.channels.secrets;

/** The credential store cannot be read, decrypted or written; the message never holds a secret. */
public final class CredentialStoreException extends RuntimeException {
  public CredentialStoreException(String message) {
    super(message);
  }

  public CredentialStoreException(String message, Throwable cause) {
    super(message, cause);
  }
}
