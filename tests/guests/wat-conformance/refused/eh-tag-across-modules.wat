;; spec: the exception-handling proposal: a tag may be exported and imported, and thrown across modules
;; oracle-disagrees: the validator jco 1.35 runs has the exceptions proposal off ("exceptions proposal not enabled"); the proposal is standard in Wasm 3.0
;; expect: exception-handling tags
(component
  (core module $a
    (tag (export "t") (param i32))
    (func (export "thrower") (param i32) (throw 0 (local.get 0))))
  (core instance $ai (instantiate $a))
  (core module $b
    (import "a" "t" (tag $t (param i32)))
    (import "a" "thrower" (func $th (param i32)))
    (func (export "f") (result i32)
      (block $h (result i32)
        (try_table (catch $t $h) (call $th (i32.const 9)))
        (i32.const 0))))
  (core instance $bi (instantiate $b (with "a" (instance $ai))))
  (func (export "f") (result u32) (canon lift (core func $bi "f")))
)
