/// The models the stress driver runs. Neither has a loop, so in a correct run every element of
/// an instance runs at most once, and the check counts items per element to find a join that
/// fired twice.
enum StressModels {
    static let orderName = "Stress order"
    static let holdName = "Stress hold"
    static let userTasks = ["Review", "Pack", "Ship", "Done"]
    static let messageName = "Paid"
    static let signalName = "Release"

    /// Three parallel paths (two user tasks and a message catch) joined by a parallel gateway,
    /// then a one-second timer and a last user task.
    static let order = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="stress_order" targetNamespace="t">
          <bpmn:message id="msg_paid" name="Paid" />
          <bpmn:process id="order" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:parallelGateway id="Fork" />
            <bpmn:userTask id="Review" name="Review" />
            <bpmn:userTask id="Pack" name="Pack" />
            <bpmn:intermediateCatchEvent id="WaitPaid">
              <bpmn:messageEventDefinition messageRef="msg_paid" />
            </bpmn:intermediateCatchEvent>
            <bpmn:parallelGateway id="Join" />
            <bpmn:intermediateCatchEvent id="Cool">
              <bpmn:timerEventDefinition><bpmn:timeDuration>PT1S</bpmn:timeDuration></bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Ship" name="Ship" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="f0" sourceRef="Start" targetRef="Fork" />
            <bpmn:sequenceFlow id="f1" sourceRef="Fork" targetRef="Review" />
            <bpmn:sequenceFlow id="f2" sourceRef="Fork" targetRef="Pack" />
            <bpmn:sequenceFlow id="f3" sourceRef="Fork" targetRef="WaitPaid" />
            <bpmn:sequenceFlow id="f4" sourceRef="Review" targetRef="Join" />
            <bpmn:sequenceFlow id="f5" sourceRef="Pack" targetRef="Join" />
            <bpmn:sequenceFlow id="f6" sourceRef="WaitPaid" targetRef="Join" />
            <bpmn:sequenceFlow id="f7" sourceRef="Join" targetRef="Cool" />
            <bpmn:sequenceFlow id="f8" sourceRef="Cool" targetRef="Ship" />
            <bpmn:sequenceFlow id="f9" sourceRef="Ship" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """

    /// Waits for the signal "Release", then for one user task.
    static let hold = """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" id="stress_hold" targetNamespace="t">
          <bpmn:signal id="sig_release" name="Release" />
          <bpmn:process id="hold" isExecutable="true">
            <bpmn:startEvent id="Start" />
            <bpmn:intermediateCatchEvent id="Hold">
              <bpmn:signalEventDefinition signalRef="sig_release" />
            </bpmn:intermediateCatchEvent>
            <bpmn:userTask id="Done" name="Done" />
            <bpmn:endEvent id="End" />
            <bpmn:sequenceFlow id="h0" sourceRef="Start" targetRef="Hold" />
            <bpmn:sequenceFlow id="h1" sourceRef="Hold" targetRef="Done" />
            <bpmn:sequenceFlow id="h2" sourceRef="Done" targetRef="End" />
          </bpmn:process>
        </bpmn:definitions>
        """
}
