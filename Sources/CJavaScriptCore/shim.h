#ifndef BPMN_INBOX_CJAVASCRIPTCORE_SHIM_H
#define BPMN_INBOX_CJAVASCRIPTCORE_SHIM_H

/*
 * The part of JavaScriptCore's C API that the engine uses, opened at run time with dlopen
 * instead of linked. The program then starts without mapping libjavascriptcoregtk-4.1 and
 * its libraries, and commands that run no script work where the library is not installed.
 * Building needs no JavaScriptCore headers either.
 *
 * The opaque types and signatures are those of JSBase.h, JSContextRef.h, JSObjectRef.h,
 * JSStringRef.h and JSValueRef.h in libjavascriptcoregtk-4.1-dev 2.50.6 (Debian 12).
 */

#include <dlfcn.h>
#include <stdbool.h>
#include <stddef.h>

typedef const struct OpaqueJSContextGroup *JSContextGroupRef;
typedef const struct OpaqueJSContext *JSContextRef;
typedef struct OpaqueJSContext *JSGlobalContextRef;
typedef struct OpaqueJSString *JSStringRef;
typedef struct OpaqueJSClass *JSClassRef;
typedef const struct OpaqueJSValue *JSValueRef;
typedef struct OpaqueJSValue *JSObjectRef;

/*
 * The watchdog callback of JSContextGroupSetExecutionTimeLimit, which the library exports
 * but declares only in the private header JSContextRefPrivate.h. It returns true to
 * terminate the running script once `limit` seconds of CPU time have passed.
 */
typedef bool (*JSShouldTerminateCallback)(JSContextRef ctx, void *context);

/* The functions resolved from the library, each field named after its symbol. */
typedef struct {
    JSContextGroupRef (*JSContextGroupCreate)(void);
    void (*JSContextGroupRelease)(JSContextGroupRef group);
    void (*JSContextGroupSetExecutionTimeLimit)(JSContextGroupRef group, double limit,
                                                JSShouldTerminateCallback callback, void *context);
    void (*JSContextGroupClearExecutionTimeLimit)(JSContextGroupRef group);
    JSGlobalContextRef (*JSGlobalContextCreateInGroup)(JSContextGroupRef group, JSClassRef globalObjectClass);
    void (*JSGlobalContextRelease)(JSGlobalContextRef ctx);
    JSValueRef (*JSEvaluateScript)(JSContextRef ctx, JSStringRef script, JSObjectRef thisObject,
                                   JSStringRef sourceURL, int startingLineNumber, JSValueRef *exception);
    JSValueRef (*JSObjectCallAsFunction)(JSContextRef ctx, JSObjectRef object, JSObjectRef thisObject,
                                         size_t argumentCount, const JSValueRef arguments[],
                                         JSValueRef *exception);
    JSStringRef (*JSStringCreateWithUTF8CString)(const char *string);
    void (*JSStringRelease)(JSStringRef string);
    size_t (*JSStringGetMaximumUTF8CStringSize)(JSStringRef string);
    size_t (*JSStringGetUTF8CString)(JSStringRef string, char *buffer, size_t bufferSize);
    JSValueRef (*JSValueMakeNull)(JSContextRef ctx);
    JSValueRef (*JSValueMakeNumber)(JSContextRef ctx, double number);
    JSValueRef (*JSValueMakeString)(JSContextRef ctx, JSStringRef string);
    void (*JSValueProtect)(JSContextRef ctx, JSValueRef value);
    void (*JSValueUnprotect)(JSContextRef ctx, JSValueRef value);
    JSObjectRef (*JSValueToObject)(JSContextRef ctx, JSValueRef value, JSValueRef *exception);
    JSStringRef (*JSValueToStringCopy)(JSContextRef ctx, JSValueRef value, JSValueRef *exception);
} CJSCFunctions;

/* The outcome of cjsc_load. */
typedef enum {
    CJSCLoaded = 0,
    /* dlopen failed; the problem is dlerror's text. */
    CJSCLibraryNotOpened = 1,
    /* A function is missing; the problem is its name. The library stays open. */
    CJSCFunctionMissing = 2,
} CJSCLoadStatus;

/*
 * Opens `file` (a soname or a path, searched as dlopen does) with RTLD_NOW | RTLD_LOCAL and
 * fills `functions`. On failure `*problem` points to dlerror's text, valid until the next
 * dl call of this thread, or to the missing symbol's name, a string literal. The library is
 * never closed, because JavaScript values may live until the process exits.
 */
static inline CJSCLoadStatus cjsc_load(const char *file, CJSCFunctions *functions, const char **problem) {
    void *library = dlopen(file, RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        *problem = dlerror();
        return CJSCLibraryNotOpened;
    }

#define CJSC_RESOLVE(name)                                                  \
    *(void **)(&functions->name) = dlsym(library, #name);                   \
    if (functions->name == NULL) {                                          \
        *problem = #name;                                                   \
        return CJSCFunctionMissing;                                         \
    }

    CJSC_RESOLVE(JSContextGroupCreate)
    CJSC_RESOLVE(JSContextGroupRelease)
    CJSC_RESOLVE(JSContextGroupSetExecutionTimeLimit)
    CJSC_RESOLVE(JSContextGroupClearExecutionTimeLimit)
    CJSC_RESOLVE(JSGlobalContextCreateInGroup)
    CJSC_RESOLVE(JSGlobalContextRelease)
    CJSC_RESOLVE(JSEvaluateScript)
    CJSC_RESOLVE(JSObjectCallAsFunction)
    CJSC_RESOLVE(JSStringCreateWithUTF8CString)
    CJSC_RESOLVE(JSStringRelease)
    CJSC_RESOLVE(JSStringGetMaximumUTF8CStringSize)
    CJSC_RESOLVE(JSStringGetUTF8CString)
    CJSC_RESOLVE(JSValueMakeNull)
    CJSC_RESOLVE(JSValueMakeNumber)
    CJSC_RESOLVE(JSValueMakeString)
    CJSC_RESOLVE(JSValueProtect)
    CJSC_RESOLVE(JSValueUnprotect)
    CJSC_RESOLVE(JSValueToObject)
    CJSC_RESOLVE(JSValueToStringCopy)

#undef CJSC_RESOLVE
    *problem = NULL;
    return CJSCLoaded;
}

#endif
