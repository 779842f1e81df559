package org.openkps.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Events;
import org.openkps.client.model.CreateKeypairAction;
import org.openkps.client.model.CreateKeypairRequest;
import org.openkps.client.model.KeypairListEntry;

/**
 * The reset policy of {@link OpenKpsTest}, seen by running annotated classes (the fixtures below) one
 * after another with the JUnit engine, as a build would run them.
 */
class ResetPolicyTest {

    /**
     * One run of the fixtures, in their {@link Order}: as a build runs test classes one after another
     * (and stops the server at the end of the run, as it would at the end of a build).
     */
    @Test
    void eachFixtureSeesTheServerItsPolicyPromises() {
        EngineExecutionResults results = EngineTestKit.engine("junit-jupiter")
                .configurationParameter("junit.jupiter.testclass.order.default",
                        "org.junit.jupiter.api.ClassOrderer$OrderAnnotation")
                .selectors(selectClass(CreatesOne.class), selectClass(SeesWhatCameBefore.class),
                        selectClass(StartsEmptyThenSharesWithinTheClass.class), selectClass(EachTestStartsEmpty.class),
                        selectClass(LeavesAFaultRule.class), selectClass(StartsWithoutFaultRules.class))
                .execute();

        Events tests = results.testEvents();
        assertThat(tests.failed().stream().map(event -> event.getTestDescriptor().getDisplayName() + ": "
                + event.getPayload().orElse(null)).toList()).isEmpty();
        tests.assertStatistics(stats -> stats.started(8).succeeded(8));
    }

    static List<String> names(OpenKps kps) throws Exception {
        return kps.client().keypairs().listKeypairs(kps.projectId(), null, null).getKeypairs().stream()
                .map(KeypairListEntry::getKeypair).map(k -> k.getName()).toList();
    }

    static void create(OpenKps kps, String name) throws Exception {
        kps.client().keypairs().createKeypair(kps.projectId(),
                new CreateKeypairRequest().keypair(new CreateKeypairAction().name(name)));
    }

    // ---- fixtures, run only through the engine above ---------------------------------------

    @OpenKpsTest
    @Order(1)
    static class CreatesOne {
        @Test
        void creates(OpenKps kps) throws Exception {
            create(kps, "made-earlier");
        }
    }

    @OpenKpsTest
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Order(3)
    static class StartsEmptyThenSharesWithinTheClass {
        @Test
        void a_startsEmpty(OpenKps kps) throws Exception {
            assertThat(names(kps)).isEmpty();
            create(kps, "made-by-a");
        }

        @Test
        void b_seesWhatTheClassMade(OpenKps kps) throws Exception {
            assertThat(names(kps)).containsExactly("made-by-a");
        }
    }

    @OpenKpsTest(reset = OpenKpsTest.Reset.NEVER)
    @Order(2)
    static class SeesWhatCameBefore {
        @Test
        void sees(OpenKps kps) throws Exception {
            assertThat(names(kps)).contains("made-earlier");
        }
    }

    @OpenKpsTest(reset = OpenKpsTest.Reset.BEFORE_EACH_TEST)
    @TestMethodOrder(MethodOrderer.MethodName.class)
    @Order(4)
    static class EachTestStartsEmpty {
        @Test
        void a(OpenKps kps) throws Exception {
            assertThat(names(kps)).isEmpty();
            create(kps, "made-by-a");
        }

        @Test
        void b(OpenKps kps) throws Exception {
            assertThat(names(kps)).isEmpty();
        }
    }

    @OpenKpsTest
    @Order(5)
    static class LeavesAFaultRule {
        @Test
        void leaves(OpenKps kps) {
            kps.faults().set(FaultRule.on("listKeypairs").fail(503, "KPS.0003", "down"));
        }
    }

    @OpenKpsTest
    @Order(6)
    static class StartsWithoutFaultRules {
        @Test
        void clean(OpenKps kps) throws Exception {
            assertThat(kps.faults().active()).isEmpty();
            assertThat(names(kps)).isEmpty();
        }
    }
}
