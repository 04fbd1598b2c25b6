import { DeleteButton, Edit, SaveButton, ShowButton, SimpleForm, Toolbar, TopToolbar } from 'react-admin';
import { useCustomerAccess } from '../access/access';
import { CustomerInputs } from './CustomerInputs';
import { CustomerTitle } from './CustomerTitle';

function EditToolbar({ canDelete }: { canDelete: boolean }) {
  return (
    <Toolbar sx={{ display: 'flex', justifyContent: 'space-between' }}>
      <SaveButton data-testid="customer-save" />
      {canDelete ? <DeleteButton mutationMode="pessimistic" /> : null}
    </Toolbar>
  );
}

/**
 * Pessimistic: the change is saved before the page moves on, so the API's input errors can be
 * shown on their fields (react-admin's server-side validation) and nothing is shown as saved
 * that was not. Only changed, writable fields are sent (see dataProvider/variables.ts).
 */
export function CustomerEdit() {
  const access = useCustomerAccess();
  return (
    <Edit
      title={<CustomerTitle />}
      mutationMode="pessimistic"
      redirect="show"
      actions={
        <TopToolbar>
          <ShowButton />
        </TopToolbar>
      }
    >
      <SimpleForm mode="onChange" reValidateMode="onChange" toolbar={<EditToolbar canDelete={access.canDelete} />}>
        <CustomerInputs writable={access.updatable} operation="update" />
      </SimpleForm>
    </Edit>
  );
}
