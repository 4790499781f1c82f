package jp.shisakuflow.audit;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a missing or unreadable audit signing key into a start-up report that says what to set. */
public class SigningKeyFailureAnalyzer extends AbstractFailureAnalyzer<SigningKeyUnavailableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, SigningKeyUnavailableException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "openssl genpkey -algorithm ed25519 -out /etc/shisaku/audit-signing-key.pem; chmod 400 that file;"
            + " export " + AuditSigningKey.VARIABLE + "=/etc/shisaku/audit-signing-key.pem"
            + " (docs/security.md: Signed audit exports)",
        cause);
  }
}
