;; expect: canon lower: parameters contain strings or lists, so the memory option is required
(component
  (import "f" (func $f (param "s" string)))
  (core func (canon lower (func $f)))
)
