package org.openkps.server.http.keypairs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.openkps.server.support.KpsAnswers.assertError;
import static org.openkps.server.support.KpsAnswers.ok;
import static org.openkps.server.support.KpsApi.names;
import static org.openkps.server.support.TestCallers.ALICE;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.openkps.server.support.KpsApiTest;
import org.openkps.server.support.KpsServerTest;
import org.openkps.server.support.TestCallers;

import tools.jackson.databind.JsonNode;

/**
 * listKeypairs: ordered by name, paged by {@code limit} and {@code marker}. Other tests' key pairs are
 * listed too, so each test names its own key pairs under a unique prefix and looks at those.
 */
@KpsServerTest
class ListKeypairsTest extends KpsApiTest {

    private final String prefix = TestCallers.uniqueName("list") + "-";

    /** Names under this test's prefix, {@code prefix + suffix} for each suffix. */
    private List<String> mine(String... suffixes) {
        return java.util.Arrays.stream(suffixes).map(s -> prefix + s).toList();
    }

    private List<String> onlyMine(List<String> names) {
        return names.stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private static void assertStrictlyAscending(List<String> names) {
        for (int i = 1; i < names.size(); i++) {
            assertThat(names.get(i)).as("name %d of the listing comes after name %d", i, i - 1)
                    .isGreaterThan(names.get(i - 1));
        }
    }

    @Test
    void everyPageIsOrderedByNameAndTheNextContinuesAfterItsMarker() {
        List<String> names = new ArrayList<>(mine("c", "A", "b2", "b10", "_x", "0", "a-1"));
        Collections.shuffle(names);
        api.importMany(ALICE, names);

        List<String> listed = api.listAll(ALICE, 3);

        assertStrictlyAscending(listed);
        assertThat(onlyMine(listed)).containsExactlyElementsOf(new TreeSet<>(names));
    }

    @Test
    void aPageStartsRightAfterTheMarker() {
        List<String> names = mine("1", "2", "3", "4");
        api.importMany(ALICE, names);

        JsonNode page = ok(api.list(ALICE, "limit=2&marker=" + names.get(0)));

        assertThat(names(page)).containsExactly(names.get(1), names.get(2));
        assertThat(page.path("page_info").path("next_marker").asString()).isEqualTo(names.get(2));
        assertThat(page.path("page_info").path("current_count").asInt()).isEqualTo(2);
    }

    @Test
    void theLastPageHasNoNextMarkerEvenWhenItIsFull() {
        // 'z' sorts after every other character of a name: these are the last key pairs of the project.
        String last = "zzzzzzzzzzzzzzzz-" + TestCallers.uniqueName("last") + "-";
        List<String> names = List.of(last + "0", last + "1", last + "2");
        api.importMany(ALICE, names);

        JsonNode full = ok(api.list(ALICE, "limit=2&marker=" + names.get(0)));
        JsonNode partial = ok(api.list(ALICE, "limit=5&marker=" + names.get(0)));

        assertThat(names(full)).containsExactly(names.get(1), names.get(2));
        assertThat(full.path("page_info").has("next_marker")).as(full.toString()).isFalse();
        assertThat(full.path("page_info").path("current_count").asInt()).isEqualTo(2);
        assertThat(names(partial)).containsExactly(names.get(1), names.get(2));
        assertThat(partial.path("page_info").has("next_marker")).as(partial.toString()).isFalse();
    }

    @Test
    void limitDefaultsTo50() {
        api.importMany(ALICE, IntStream.range(0, 51).mapToObj(i -> prefix + "%02d".formatted(i)).toList());

        JsonNode page = ok(api.list(ALICE, ""));

        assertThat(names(page)).hasSize(50);
        assertThat(page.path("page_info").path("current_count").asInt()).isEqualTo(50);
        assertThat(page.path("page_info").path("next_marker").asString()).isEqualTo(names(page).get(49));
    }

    @Test
    void limitsOf1And1000AreAccepted() {
        api.importMany(ALICE, mine("1", "2"));

        assertThat(names(ok(api.list(ALICE, "limit=1")))).hasSize(1);
        assertThat(names(ok(api.list(ALICE, "limit=1&marker=" + prefix + "1")))).containsExactly(prefix + "2");
        assertThat(onlyMine(names(ok(api.list(ALICE, "limit=1000"))))).containsExactly(prefix + "1", prefix + "2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-1", "1001", "abc", "2.5", "99999999999"})
    void aLimitOutside1To1000IsRefused(String limit) {
        var answer = api.list(ALICE, "limit=" + limit);

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("limit");
    }

    @Test
    void aMarkerThatNeverNamedAKeypairIsRefused() {
        String never = prefix + "never-existed";

        var answer = api.list(ALICE, "marker=" + never);

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("marker");
    }

    @ParameterizedTest
    @ValueSource(strings = {"with space", "semi;colon", "slash/in", "\u00fcber", "dot.ted"})
    void aBadlyFormedMarkerIsRefused(String marker) {
        var answer = api.list(ALICE, "marker=" + URLEncoder.encode(marker, StandardCharsets.UTF_8));

        assertError(answer, 400, "KPS.0002");
        assertThat(answer.errorMsg()).contains("marker");
    }

    @Test
    void aMarkerLongerThan255CharactersIsRefused() {
        assertError(api.list(ALICE, "marker=" + "m".repeat(256)), 400, "KPS.0002");
    }

    @Test
    void aMarkerNamingADeletedKeypairContinuesAfterIt() {
        List<String> names = mine("1", "2", "3");
        api.importMany(ALICE, names);
        assertThat(api.delete(ALICE, names.get(1)).status()).isEqualTo(204);

        JsonNode page = ok(api.list(ALICE, "limit=1&marker=" + names.get(1)));

        assertThat(names(page)).containsExactly(names.get(2));
    }

    /**
     * Between pages: the key pair the marker names is deleted, one not yet listed is deleted, one is
     * created ahead of the marker and one behind it. Every key pair that exists throughout is listed
     * exactly once; the one created ahead is listed too, the deleted-ahead and the created-behind are not.
     */
    @Test
    void pagingThroughEverythingListsEachKeypairOnceWhileKeypairsComeAndGo() {
        List<String> initial = IntStream.range(10, 30).mapToObj(i -> prefix + i).toList();
        api.importMany(ALICE, initial);
        TreeSet<String> expected = new TreeSet<>(initial);
        List<String> createdBehind = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        int[] rounds = {0};

        List<String> listed = api.listAll(ALICE, 4, (page, marker) -> {
            seen.addAll(page);
            if (!marker.startsWith(prefix) || rounds[0] == 3) {
                return;
            }
            int round = ++rounds[0];
            assertThat(api.delete(ALICE, marker).status()).isEqualTo(204);
            String aheadToDelete = expected.tailSet(marker, false).last();
            assertThat(api.delete(ALICE, aheadToDelete).status()).isEqualTo(204);
            expected.remove(aheadToDelete);
            String ahead = prefix + "9ahead" + round;   // after every initial name
            String behind = prefix + "0behind" + round; // before every initial name
            api.importMany(ALICE, List.of(ahead, behind));
            expected.add(ahead);
            createdBehind.add(behind);
        });

        assertThat(rounds[0]).as("rounds of changes while paging").isEqualTo(3);
        assertStrictlyAscending(listed);
        assertThat(onlyMine(listed)).containsExactlyElementsOf(expected);
        assertThat(listed).doesNotContainAnyElementsOf(createdBehind);
    }
}
