;; Every section kind of a component, each used once or more, with index spaces that
;; tests check entry by entry.
(component $sections
  ;; core type section: a function type and a module type with every declarator kind
  (core type $ft (func (param i32 i32) (result i32)))
  (core type $mt (module
    (type $f (func (param i32)))
    (alias outer $sections $ft (type $outer))
    (import "env" "log" (func (type $f)))
    (import "env" "mem" (memory 1 2))
    (import "env" "tbl" (table 1 funcref))
    (import "env" "g" (global (mut i32)))
    (export "run" (func (type $outer)))
    (export "memory" (memory 1))
  ))

  ;; import section: a function, an instance, a type and a core module
  (type $log-ty (func (param "msg" string)))
  (import "log" (func $log (type $log-ty)))
  (import "wasi:cli/environment@0.2.0" (instance $env
    (export "get-arguments" (func (result (list string))))
  ))
  (import "blob" (type $blob (sub resource)))
  (import "plugin" (core module $plugin (type $mt)))

  ;; core module section
  (core module $libc
    (memory (export "memory") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0)
    (func (export "free") (param i32))
    (global (export "g") (mut i32) (i32.const 0))
    (table (export "tbl") 1 funcref)
  )
  (core module $main
    (import "libc" "memory" (memory 1))
    (import "host" "log" (func $log (param i32 i32)))
    (func (export "run") (param i32 i32) (result i32) i32.const 0)
    (func (export "hello") (param i32 i32) (result i32) i32.const 0)
    (func (export "post-hello") (param i32))
    (func (export "dtor") (param i32))
  )

  ;; core instance section: instantiate and from-exports
  (core instance $libc (instantiate $libc))
  (alias core export $libc "memory" (core memory $mem))
  (alias core export $libc "realloc" (core func $realloc))
  (core func $log-lowered (canon lower (func $log) (memory $mem) string-encoding=utf8))
  (core instance $host (export "log" (func $log-lowered)))
  (core instance $main (instantiate $main (with "libc" (instance $libc)) (with "host" (instance $host))))

  ;; alias section: core export, export, outer
  (alias core export $main "hello" (core func $hello))
  (alias core export $main "post-hello" (core func $post-hello))
  (alias core export $main "dtor" (core func $dtor))
  (alias export $env "get-arguments" (func $get-args))

  ;; canon section: lower, lift, resource built-ins
  (core func $get-args-lowered (canon lower (func $get-args) (memory $mem) (realloc $realloc)))
  (type $hello-ty (func (param "name" string) (result string)))
  (func $hello-lifted (type $hello-ty)
    (canon lift (core func $hello) (memory $mem) (realloc $realloc) string-encoding=utf8 (post-return $post-hello)))
  (type $res (resource (rep i32) (dtor (core func $dtor))))
  (core func $res-new (canon resource.new $res))
  (core func $res-rep (canon resource.rep $res))
  (core func $res-drop (canon resource.drop $res))
  (core func $blob-drop (canon resource.drop $blob))

  ;; component section: a nested component with an outer alias and its own import/export
  (component $inner
    (alias outer $sections $log-ty (type $t))
    (import "f" (func $f (type $t)))
    (export "g" (func $f))
  )

  ;; instance section: instantiate (with args) and from exports
  (instance $inner-inst (instantiate $inner (with "f" (func $log))))
  (alias export $inner-inst "g" (func $g))
  (instance $bag (export "hello" (func $hello-lifted)) (export "g" (func $g)))

  ;; export section: plain, interface name with ascription, instance, type, core module
  (export $hello-export "hello" (func $hello-lifted))
  (export "witbox:fixture/api@1.0.0" (instance $bag))
  (export "res" (type $res))
  (export "typed-hello" (func $hello-lifted) (func (type $hello-ty)))
  (export "plugin-module" (core module $plugin))

  (@custom "witbox-note" "decoder fixture")
  (@producers (processed-by "witbox-fixture" "1.0"))
)
