package org.openkps.server.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import java.util.regex.Pattern;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.Test;

/**
 * The shape of the server, kept by the build (see api/DECISIONS.md, "Server shape"): the cores (key
 * pairs, association) know nothing of HTTP, of the generated wire models, of the emulator's controls or
 * of their adapters; the emulator's controls reach the stores through the cores' ports; only the HTTP edge
 * sees generated types and the servlet API; no two packages depend on each other.
 */
class ArchitectureTest {

    private static final String[] CORES = {"org.openkps.server.keypair..", "org.openkps.server.association.."};
    private static final String EDGE = "org.openkps.server.http..";
    private static final String GENERATED = "org.openkps.server.generated..";
    private static final String EMULATOR = "org.openkps.server.emulator..";
    private static final String[] ADAPTERS = {
            "org.openkps.server.store..", "org.openkps.server.vault..", "org.openkps.server.crypto..",
            "org.openkps.server.ssh.."};

    static final JavaClasses SERVER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            // What Spring AOT generated at build time (Foo__BeanDefinitions and the like) wires every layer by design.
            .withImportOption(location -> !location.matches(Pattern.compile(".*/[^/]*__[^/]*\\.class")))
            .importPackages("org.openkps.server");

    @Test
    void theCoreKnowsNothingOfHttpNorOfGeneratedCode() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage(EDGE, GENERATED, EMULATOR,
                        "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
                        "org.apache.catalina..", "org.apache.tomcat..", "tools.jackson..", "com.fasterxml.jackson.."));
    }

    @Test
    void theCoreKnowsItsAdaptersOnlyThroughItsPorts() {
        check(noClasses().that().resideInAnyPackage(CORES)
                .should().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql..",
                        "org.apache.sshd.."));
    }

    @Test
    void theKeypairCoreKnowsNothingOfAssociation() {
        check(noClasses().that().resideInAPackage("org.openkps.server.keypair..")
                .should().dependOnClassesThat().resideInAPackage("org.openkps.server.association.."));
    }

    /** The emulator's controls (reset, health, fault rules) reach the store through the core's port only. */
    @Test
    void theEmulatorKnowsNothingOfHttpNorOfTheAdapters() {
        check(noClasses().that().resideInAPackage(EMULATOR)
                .should().dependOnClassesThat().resideInAnyPackage(EDGE, GENERATED,
                        "jakarta.servlet..", "org.springframework.web..", "org.springframework.http..",
                        "org.apache.catalina..", "tools.jackson..", "com.fasterxml.jackson..")
                .orShould().dependOnClassesThat().resideInAnyPackage(ADAPTERS)
                .orShould().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "java.sql.."));
    }

    @Test
    void onlyTheHttpEdgeUsesTheEmulator() {
        check(noClasses().that().resideOutsideOfPackages(EDGE, EMULATOR)
                .should().dependOnClassesThat().resideInAPackage(EMULATOR));
    }

    @Test
    void generatedTypesStayInTheHttpEdge() {
        check(noClasses().that().resideOutsideOfPackages(EDGE, GENERATED)
                .should().dependOnClassesThat().resideInAPackage(GENERATED));
    }

    @Test
    void onlyTheHttpEdgeSpeaksHttp() {
        check(noClasses().that().resideOutsideOfPackages(EDGE, GENERATED)
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.servlet..", "org.springframework.web..",
                        "org.springframework.http..", "org.apache.catalina.."));
    }

    @Test
    void adaptersDoNotReachIntoTheEdgeNorIntoEachOther() {
        for (String adapter : ADAPTERS) {
            check(noClasses().that().resideInAPackage(adapter)
                    .should().dependOnClassesThat().resideInAPackage(EDGE)
                    .orShould().dependOnClassesThat().resideInAnyPackage(others(adapter)));
        }
    }

    @Test
    void portsAreInterfacesOfTheCore() {
        check(classes().that().resideInAnyPackage(CORES).and().haveSimpleNameEndingWith("Store")
                .or().haveFullyQualifiedName("org.openkps.server.keypair.PrivateKeyVault")
                .or().haveFullyQualifiedName("org.openkps.server.keypair.KeyMaterials")
                .or().haveFullyQualifiedName("org.openkps.server.association.ServerAccess")
                .should().beInterfaces());
    }

    @Test
    void noPackageCycles() {
        check(slices().matching("org.openkps.server.(*)..").should().beFreeOfCycles());
    }

    private static String[] others(String adapter) {
        return java.util.Arrays.stream(ADAPTERS).filter(a -> !a.equals(adapter)).toArray(String[]::new);
    }

    private static void check(ArchRule rule) {
        rule.check(SERVER);
    }
}
