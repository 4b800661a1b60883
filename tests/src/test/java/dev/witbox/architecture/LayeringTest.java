package dev.witbox.architecture;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The layering of docs/ARCHITECTURE.md, held by the build rather than by goodwill.
 *
 * <p>A call flows from decoding through the ABI to the runtime and never backwards; only one
 * adapter package may know which core-wasm engine runs underneath, so that replacing Chicory stays
 * a small change.
 */
@AnalyzeClasses(packages = "dev.witbox", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String CHICORY = "com.dylibso.chicory..";
    private static final String SPRING = "org.springframework..";
    private static final String CHICORY_ADAPTER = "dev.witbox.internal.chicory..";
    private static final String[] ENGINE = {
        "dev.witbox.wit..",
        "dev.witbox.component..",
        "dev.witbox.abi..",
        "dev.witbox.wave..",
        "dev.witbox.wasi..",
        "dev.witbox.runtime..",
        "dev.witbox.internal.."
    };

    @ArchTest
    static final ArchRule pluginApiImportsNothingOfOurs = classes()
            .that().resideInAPackage("dev.witbox.api..")
            .should().onlyDependOnClassesThat(
                    resideInAPackage("dev.witbox.api..").or(resideOutsideOfPackage("dev.witbox..")))
            .because("plugin-api is what host and generated code see; it must stand alone");

    @ArchTest
    static final ArchRule onlyTheAdapterImportsChicory = noClasses()
            .that().resideOutsideOfPackage(CHICORY_ADAPTER)
            .and().resideInAPackage("dev.witbox..")
            .should().dependOnClassesThat().resideInAPackage(CHICORY)
            .because("the core-wasm engine stays behind one adapter package");

    @ArchTest
    static final ArchRule witKnowsNoRuntimeSpringOrChicory = noClasses()
            .that().resideInAPackage("dev.witbox.wit..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.witbox.component..",
                    "dev.witbox.abi..",
                    "dev.witbox.wave..",
                    "dev.witbox.wasi..",
                    "dev.witbox.runtime..",
                    "dev.witbox.internal..",
                    SPRING,
                    CHICORY)
            .because("WIT is a language front end: it knows nothing of how plugins run");

    @ArchTest
    static final ArchRule decodingKnowsNothingOfRunning = noClasses()
            .that().resideInAPackage("dev.witbox.component..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.witbox.abi..",
                    "dev.witbox.wave..",
                    "dev.witbox.wasi..",
                    "dev.witbox.runtime..",
                    "dev.witbox.internal..")
            .because("a decoded component is data: decoding never depends on how components run");

    @ArchTest
    static final ArchRule theAbiKnowsNoRuntimeOrEngine = noClasses()
            .that().resideInAPackage("dev.witbox.abi..")
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.witbox.component..",
                    "dev.witbox.wave..",
                    "dev.witbox.wasi..",
                    "dev.witbox.runtime..",
                    "dev.witbox.internal.chicory..")
            .because("the canonical ABI works on value types and a memory interface, whatever runs the guest"
                    + " (dev.witbox.internal itself holds engine-wide helpers that know no guest runner)");

    @ArchTest
    static final ArchRule pluginApiImportsNoSpring = noClasses()
            .that().resideInAPackage("dev.witbox.api..")
            .should().dependOnClassesThat().resideInAPackage(SPRING)
            .because("@WasmPlugin is read by Spring but must not tie code that only calls plugins to Spring");

    @ArchTest
    static final ArchRule nothingInTheEngineImportsSpring = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAPackage(SPRING)
            .because("Spring only composes what the engine offers");

    @ArchTest
    static final ArchRule theEngineDoesNotReachUpIntoItsUsers = noClasses()
            .that().resideInAnyPackage(ENGINE)
            .should().dependOnClassesThat().resideInAnyPackage(
                    "dev.witbox.bindgen..", "dev.witbox.spring..", "dev.witbox.cli..")
            .because("bindings, Spring and the CLI sit on top of the engine, never beneath it");

    @ArchTest
    static final ArchRule theRuntimeKnowsNothingOfWasi = noClasses()
            .that().resideInAnyPackage("dev.witbox.runtime..", "dev.witbox.internal..")
            .should().dependOnClassesThat().resideInAPackage("dev.witbox.wasi..")
            .because("WASI is a host built on the runtime's public API, one set of host imports among others");
}
