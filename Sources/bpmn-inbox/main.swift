import CNcursesw
import CSQLite
import CJavaScriptCore
let g = JSContextGroupCreate()
JSContextGroupSetExecutionTimeLimit(g, 1.0, nil, nil)
let ctx = JSGlobalContextCreateInGroup(g, nil)
let s = JSStringCreateWithUTF8CString("1+2")
let v = JSEvaluateScript(ctx, s, nil, nil, 0, nil)
print(JSValueToNumber(ctx, v, nil), sqlite3_libversion().map { String(cString: $0) } ?? "", wcwidth(0x4E2D), bi_attr_bold())
