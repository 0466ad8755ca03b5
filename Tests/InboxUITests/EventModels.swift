/// Small BPMN models for the event, timer, scope and call tests of the inbox.
enum EventModels {
    private static func definitions(_ id: String, _ body: String) -> String {
        """
        <?xml version="1.0" encoding="UTF-8"?>
        <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL" \
        xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="\(id)" targetNamespace="http://example.com/inbox">
        \(body)
        </bpmn:definitions>
        """
    }

    /// Waits for the message `payment`, then for the user task Ship.
    static let payment = definitions("Defs_payment", """
          <bpmn:message id="Msg_payment" name="payment" />
          <bpmn:process id="Process_payment" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitPayment" />
            <bpmn:intermediateCatchEvent id="waitPayment" name="Wait for payment">
              <bpmn:messageEventDefinition messageRef="Msg_payment" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="waitPayment" targetRef="ship" />
            <bpmn:userTask id="ship" name="Ship" />
            <bpmn:sequenceFlow id="f3" sourceRef="ship" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Waits for the signal `go`, then for the user task Go on.
    static let signal = definitions("Defs_signal", """
          <bpmn:signal id="Sig_go" name="go" />
          <bpmn:process id="Process_signal" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitGo" />
            <bpmn:intermediateCatchEvent id="waitGo" name="Wait for go">
              <bpmn:signalEventDefinition signalRef="Sig_go" />
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="waitGo" targetRef="goOn" />
            <bpmn:userTask id="goOn" name="Go on" />
            <bpmn:sequenceFlow id="f3" sourceRef="goOn" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Waits an hour on a timer, then for the user task Follow up.
    static let reminder = definitions("Defs_reminder", """
          <bpmn:process id="Process_reminder" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitHour" />
            <bpmn:intermediateCatchEvent id="waitHour" name="Wait an hour">
              <bpmn:timerEventDefinition>
                <bpmn:timeDuration>PT1H</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="waitHour" targetRef="followUp" />
            <bpmn:userTask id="followUp" name="Follow up" />
            <bpmn:sequenceFlow id="f3" sourceRef="followUp" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// A timer start event one minute after the import, then the user task Look.
    static let ticker = definitions("Defs_ticker", """
          <bpmn:process id="Process_ticker" isExecutable="true">
            <bpmn:startEvent id="minuteStart" name="A minute later">
              <bpmn:timerEventDefinition>
                <bpmn:timeDuration>PT1M</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="minuteStart" targetRef="look" />
            <bpmn:userTask id="look" name="Look" />
            <bpmn:sequenceFlow id="f2" sourceRef="look" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// A one-minute timer followed by a script that fails until `data.fixed` is true, then
    /// the user task Confirm.
    static let charge = definitions("Defs_charge", """
          <bpmn:process id="Process_charge" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="waitMinute" />
            <bpmn:intermediateCatchEvent id="waitMinute" name="Wait a minute">
              <bpmn:timerEventDefinition>
                <bpmn:timeDuration>PT1M</bpmn:timeDuration>
              </bpmn:timerEventDefinition>
            </bpmn:intermediateCatchEvent>
            <bpmn:sequenceFlow id="f2" sourceRef="waitMinute" targetRef="chargeCard" />
            <bpmn:scriptTask id="chargeCard" name="Charge card" scriptFormat="JavaScript">
              <bpmn:script>if (!data.fixed) { throw new Error("card declined"); }</bpmn:script>
            </bpmn:scriptTask>
            <bpmn:sequenceFlow id="f3" sourceRef="chargeCard" targetRef="confirm" />
            <bpmn:userTask id="confirm" name="Confirm" />
            <bpmn:sequenceFlow id="f4" sourceRef="confirm" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Runs a sub-process Review (with the user task Check) beside the parallel
    /// multi-instance user task Vote over `data.departments`.
    static let scopes = definitions("Defs_scopes", """
          <bpmn:process id="Process_scopes" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="split" />
            <bpmn:parallelGateway id="split" />
            <bpmn:sequenceFlow id="f2" sourceRef="split" targetRef="review" />
            <bpmn:sequenceFlow id="f3" sourceRef="split" targetRef="vote" />
            <bpmn:subProcess id="review" name="Review">
              <bpmn:startEvent id="reviewStart" />
              <bpmn:sequenceFlow id="r1" sourceRef="reviewStart" targetRef="check" />
              <bpmn:userTask id="check" name="Check" />
              <bpmn:sequenceFlow id="r2" sourceRef="check" targetRef="reviewEnd" />
              <bpmn:endEvent id="reviewEnd" />
            </bpmn:subProcess>
            <bpmn:userTask id="vote" name="Vote">
              <bpmn:multiInstanceLoopCharacteristics isSequential="false" camunda:collection="$(data.departments)" camunda:elementVariable="department" />
            </bpmn:userTask>
            <bpmn:sequenceFlow id="f4" sourceRef="review" targetRef="join" />
            <bpmn:sequenceFlow id="f5" sourceRef="vote" targetRef="join" />
            <bpmn:parallelGateway id="join" />
            <bpmn:sequenceFlow id="f6" sourceRef="join" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Calls the model named Billing, then ends.
    static let order = definitions("Defs_order", """
          <bpmn:process id="Process_order" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="callBilling" />
            <bpmn:callActivity id="callBilling" name="Call billing" calledElement="Billing" />
            <bpmn:sequenceFlow id="f2" sourceRef="callBilling" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// Waits for the user task Pay invoice; called by Order.
    static let billing = definitions("Defs_billing", """
          <bpmn:process id="Process_billing" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="payInvoice" />
            <bpmn:userTask id="payInvoice" name="Pay invoice" />
            <bpmn:sequenceFlow id="f2" sourceRef="payInvoice" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)

    /// An ad-hoc sub-process Extras with two tasks, and a second, message start event.
    static let adHoc = definitions("Defs_adhoc", """
          <bpmn:message id="Msg_rush" name="rush" />
          <bpmn:process id="Process_adhoc" isExecutable="true">
            <bpmn:startEvent id="start" />
            <bpmn:startEvent id="rushStart" name="Rush order">
              <bpmn:messageEventDefinition messageRef="Msg_rush" />
            </bpmn:startEvent>
            <bpmn:sequenceFlow id="f1" sourceRef="start" targetRef="extras" />
            <bpmn:sequenceFlow id="f0" sourceRef="rushStart" targetRef="extras" />
            <bpmn:adHocSubProcess id="extras" name="Extras">
              <bpmn:userTask id="giftWrap" name="Gift wrap" />
              <bpmn:userTask id="insure" name="Insure" />
            </bpmn:adHocSubProcess>
            <bpmn:sequenceFlow id="f2" sourceRef="extras" targetRef="end" />
            <bpmn:endEvent id="end" />
          </bpmn:process>
        """)
}
