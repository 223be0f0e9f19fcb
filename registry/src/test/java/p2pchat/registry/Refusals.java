package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import p2pchat.peer.registry.RegistryException;
import p2pchat.protocol.message.ErrorCode;

/** Assertions on requests the registry refuses. */
final class Refusals {
  private Refusals() {}

  /**
   * Runs {@code request}, checks that the registry refused it with {@code code}, and returns the
   * refusal so that a test can check its sentence.
   */
  static RegistryException refused(ErrorCode code, ThrowingCallable request) {
    RegistryException refusal = catchThrowableOfType(RegistryException.class, request);
    assertThat(refusal).as("a refusal with %s", code).isNotNull();
    assertThat(refusal.code()).as("the code of \"%s\"", refusal.getMessage()).isEqualTo(code);
    return refusal;
  }
}
