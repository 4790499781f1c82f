package jp.shisakuflow.audit;

/** The audit signing key file is unset, unreadable or not an Ed25519 private key: the application does not start. */
public class SigningKeyUnavailableException extends IllegalStateException {

  public SigningKeyUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
