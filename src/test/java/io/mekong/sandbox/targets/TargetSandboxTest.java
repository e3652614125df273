package io.mekong.sandbox.targets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mekong.connector.FakeTime;
import io.mekong.sandbox.hooks.HookReceiver;
import io.mekong.sandbox.hooks.HookReceivers;
import io.mekong.sandbox.targets.TargetHttp.Reply;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The sandbox's own controls beside a target's API: starting and ending outages, reading the state, bad requests. */
class TargetSandboxTest {

    private final FakeTime time = new FakeTime();
    private final HookReceivers target = new HookReceivers(List.of(new HookReceiver("merchant", "whsec_0123456789abcdef")), 10, time);
    private final TargetHttp http = TargetHttp.serve(target);

    @AfterEach
    void stop() {
        http.close();
    }

    @Test
    void anOutageRequestNamesWhatIsWrongWithIt() {
        Reply noStatus = http.send("POST", "/_control/outage", "{\"seconds\":30}");
        Reply notAnError = http.send("POST", "/_control/outage", "{\"status\":200,\"seconds\":30}");
        Reply noSeconds = http.send("POST", "/_control/outage", "{\"status\":503}");
        Reply tooLong = http.send("POST", "/_control/outage", "{\"status\":503,\"seconds\":100000}");
        Reply notJson = http.send("POST", "/_control/outage", "soon");

        assertThat(noStatus.status()).isEqualTo(400);
        assertThat(noStatus.json().get("detail").asText()).contains("status is required");
        assertThat(notAnError.json().get("detail").asText()).contains("400..599");
        assertThat(noSeconds.json().get("detail").asText()).contains("seconds is required");
        assertThat(tooLong.json().get("detail").asText()).contains("between 1 and 86400");
        assertThat(notJson.status()).isEqualTo(400);
        assertThat(target.outage().current()).isEmpty();
    }

    @Test
    void anOutageStartedReportsItsEndAndTheStateShowsIt() {
        Reply started = http.outage(503, 30);

        assertThat(started.json().get("until").asText()).isEqualTo(time.instant().plusSeconds(30).toString());
        assertThat(http.state().at("/outage/status").asInt()).isEqualTo(503);
        time.sleep(Duration.ofSeconds(30));
        assertThat(http.state().get("outage").isNull()).isTrue();
    }

    @Test
    void theControlsAnswerOnlyTheirMethodsAndOtherPathsOutsideTheApiAreNotFound() {
        assertThat(http.send("GET", "/_control/outage", null).status()).isEqualTo(405);
        assertThat(http.send("POST", "/_state", "{}").status()).isEqualTo(405);
        assertThat(http.send("GET", "/_control/other", null).status()).isEqualTo(404);
    }

    @Test
    void theOutageItselfChecksItsStatusAndLength() {
        assertThatThrownBy(() -> target.outage().start(302, Duration.ofSeconds(1))).hasMessageContaining("400..599");
        assertThatThrownBy(() -> target.outage().start(503, Duration.ZERO)).hasMessageContaining("between 1 and 86400");
    }
}
