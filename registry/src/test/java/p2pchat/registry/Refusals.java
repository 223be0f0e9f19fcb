package p2pchat.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import p2pchat.protocol.message.ErrorCode;
import p2pchat.registry.client.RegistryException;

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

  /**
   * Runs {@code operation} in the registry itself (not over the wire), checks that it refused with
   * {@code code}, and returns the refusal.
   */
  static RequestFailedException refusedLocally(ErrorCode code, ThrowingCallable operation) {
    RequestFailedException refusal = catchThrowableOfType(RequestFailedException.class, operation);
    assertThat(refusal).as("a refusal with %s", code).isNotNull();
    assertThat(refusal.code()).as("the code of \"%s\"", refusal.getMessage()).isEqualTo(code);
    return refusal;
  }
}
