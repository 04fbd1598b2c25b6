import { Create, SaveButton, SimpleForm, Toolbar } from 'react-admin';
import { useCustomerAccess } from '../access/access';
import { CustomerInputs, withoutOtherKindFields } from './CustomerInputs';

export function CustomerCreate() {
  const access = useCustomerAccess();
  return (
    <Create redirect="show" mutationMode="pessimistic" transform={withoutOtherKindFields}>
      <SimpleForm
        mode="onChange"
        reValidateMode="onChange"
        defaultValues={{ kind: 'PRIVATE', status: 'ACTIVE' }}
        toolbar={
          <Toolbar>
            <SaveButton data-testid="customer-save" />
          </Toolbar>
        }
      >
        <CustomerInputs writable={access.creatable} operation="create" />
      </SimpleForm>
    </Create>
  );
}
