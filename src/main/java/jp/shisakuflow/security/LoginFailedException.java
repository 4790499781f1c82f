package jp.shisakuflow.security;

import org.springframework.security.authentication.BadCredentialsException;

/** A failed login, with the one message that does not tell a locked account from a wrong password. */
public class LoginFailedException extends BadCredentialsException {

  public LoginFailedException(String message) {
    super(message);
  }
}
