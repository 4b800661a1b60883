(component
  (@custom "wit-component-encoding" "\04\00")
  (type (;0;)
    (component
      (type (;0;)
        (component
          (type (;0;)
            (instance
              (type (;0;) (enum "debug" "info" "error"))
              (export (;1;) "level" (type (eq 0)))
              (type (;2;) (func (param "lvl" 1) (param "msg" string)))
              (export (;0;) "log" (func (type 2)))
            )
          )
          (import "ex:lib/logging@1.0.0" (instance (;0;) (type 0)))
          (type (;1;) (func (result u64)))
          (import "now" (func (;0;) (type 1)))
          (type (;2;) (func (param "at" u64)))
          (export (;1;) "tick" (func (type 2)))
        )
      )
      (export (;0;) "ex:lib/base@1.0.0" (component (type 0)))
    )
  )
  (export (;1;) "base" (type 0))
  (@producers
    (processed-by "wit-component" "0.259.0")
  )
)

